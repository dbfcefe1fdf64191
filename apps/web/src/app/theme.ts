import type { ThemeConfig } from 'antd';

/**
 * The antd theme. Colours are chosen for WCAG 2.1 AA (4.5:1 for text; contrast ratios below are
 * against white unless said otherwise), so every screen meets it without per-page styling; the
 * browser tests check each page with axe (e2e/fixtures.ts).
 */
/**
 * A preset colour's text shade (Tag's `color="green"` etc.), set under both names antd knows it by:
 * with CSS variables, `green7` and `green-7` are the same variable and the later one wins.
 */
const TAG_TEXT = {
  green: '#237804', // 5.4:1 on green-1
  orange: '#ad4e00', // 5.1:1
  gold: '#874d00', // 6.5:1
  cyan: '#006d75', // 5.8:1
  volcano: '#ad2102', // 6.4:1
  lime: '#3f6600', // 6.6:1
  yellow: '#876800', // 5.2:1
};
const tagText = Object.fromEntries(
  Object.entries(TAG_TEXT).flatMap(([color, value]) => [
    [`${color}7`, value],
    [`${color}-7`, value],
  ]),
);

export const theme: ThemeConfig = {
  // antd's component styles come from its static stylesheet (main.tsx imports antd/dist/antd.css)
  // instead of being generated in the browser while pages render, which took most of the main
  // thread on the first load (docs/decisions/012-antd-zero-runtime.md). The tokens below still
  // apply: they are CSS variables that stylesheet reads.
  zeroRuntime: true,
  token: {
    // antd blue-7: white on it 6.2:1, it on the selected-menu background (#e6f4ff) 5.5:1, links 6.2:1.
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    // the generated hover (#2e7ae6) gives white text only 4.2:1
    colorPrimaryHover: '#1668dc',
    colorLinkHover: '#1668dc',
    borderRadius: 6,
    // helper text, descriptions, labels of statistics: rgba(0,0,0,.45) was 3.4:1, this is 5.7:1
    colorTextSecondary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // placeholders are text too: 4.7:1 (was 1.8:1)
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // success / warning / error text (Typography type, Statistic colours)
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    colorErrorText: '#cf1322',
    // Tag colours: the text is the palette's 7th shade on its 1st; these reach 4.5:1 or more
    ...tagText,
    // red text (danger buttons and links, error messages): #ff4d4f was 3.3:1, this is 5.9:1
    colorError: '#cf1322',
    // a button while it works keeps its colours (its spinner says so): at antd's 0.65 opacity the
    // sign-in button's white text was 2.8:1 (found by axe on /login)
    opacityLoading: 1,
    // One h1 per page (the screen's title, components/PageTitle) at the size the titles had (h4).
    fontSizeHeading1: 20,
    lineHeightHeading1: 1.4,
  },
  components: {
    // a table's "no data" uses the disabled colour (1.8:1)
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
    // status tags (success, processing, warning, error) write their colour on its pale background:
    // the text shades here reach 5.3:1 or more (#52c41a on #f6ffed was 2.2:1)
    Tag: { colorSuccess: '#237804', colorInfo: '#0958d9', colorWarning: '#ad4e00', colorError: '#cf1322' },
    // a form field's warning text (#faad14 was 1.9:1)
    Form: { colorWarning: '#ad4e00' },
  },
};

/** For users who asked their system for reduced motion: no zooming dialogs or sliding menus. */
export const withoutMotion: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };
