import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const SCROLLERS = '.ant-table-content, .ant-table-body';
/** antd's hidden row that measures fixed columns: aria-hidden, so nothing in it may take the focus */
const MEASURE_ROWS = '.ant-table-measure-row:not([inert])';

/**
 * Makes every table that scrolls sideways reachable by keyboard (WCAG 2.1.1): its scroll box gets
 * `tabIndex=0`, the region role and a name while it is wider than the screen, and loses them when it
 * fits (so that a table that fits adds no tab stop); antd's hidden measuring row is made inert. One observer for the whole app, in the layout,
 * rather than a prop on each of antd's tables.
 */
export function useFocusableScrollRegions(): void {
  const { t } = useTranslation();
  const label = t('scrollRegion');
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      for (const row of document.querySelectorAll<HTMLElement>(MEASURE_ROWS)) row.inert = true;
      for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (scrolls && el.tabIndex !== 0) {
          el.tabIndex = 0;
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', label);
        } else if (!scrolls && el.hasAttribute('tabindex')) {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        } else if (scrolls && el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [label]);
}
