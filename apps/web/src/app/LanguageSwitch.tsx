import { Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, switchLanguage } from '../i18n';
import { api } from '../lib/api';
import { LanguageButton } from './LanguageButton';

export function LanguageSwitch({ autoFocus, compact }: { autoFocus?: boolean; compact?: boolean }) {
  const { i18n } = useTranslation();
  const switchTo = async (lang: Language) => {
    await switchLanguage(lang);
    api('/auth/me', { method: 'PATCH', body: { locale: lang } }).catch(() => {});
  };
  // opened by a click (or Enter), not by hovering: a hover menu closes when the page moves under
  // the pointer and cannot be opened on a touch screen
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectedKeys: [i18n.language],
        items: [
          { key: 'zh-CN', label: '简体中文' },
          { key: 'en', label: 'English' },
        ],
        onClick: ({ key }) => void switchTo(key as Language),
      }}
    >
      <LanguageButton autoFocus={autoFocus} compact={compact} />
    </Dropdown>
  );
}
