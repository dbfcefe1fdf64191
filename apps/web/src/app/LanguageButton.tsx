import { TranslationOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The language switch's button: the language in use, first in its accessible name (which must contain
 * what is shown); on a phone (`compact`) the icon alone.
 */
export function LanguageButton({ compact = false, ...props }: ButtonProps & { compact?: boolean }) {
  const { i18n, t } = useTranslation();
  const current = i18n.language === 'en' ? 'English' : '简体中文';
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      aria-label={`${current} (${t('language')})`}
      data-testid="language-switch"
      data-language={i18n.language}
      {...props}
    >
      {compact ? null : current}
    </Button>
  );
}

const LanguageSwitch = lazy(() => import('./LanguageSwitch').then((m) => ({ default: m.LanguageSwitch })));

/**
 * The language switch for the sign-in page: the same button, whose menu (antd's Dropdown and Menu,
 * not needed to sign in) is loaded when the pointer or the focus comes to it.
 */
export function LanguageSwitchOnDemand() {
  const [wanted, setWanted] = useState<false | 'pointer' | 'focus'>(false);
  const button = (
    <LanguageButton
      onPointerEnter={() => setWanted((w) => w || 'pointer')}
      onFocus={() => setWanted((w) => w || 'focus')}
    />
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <LanguageSwitch autoFocus={wanted === 'focus'} />
    </Suspense>
  );
}
