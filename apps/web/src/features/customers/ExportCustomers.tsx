import { DownloadOutlined } from '@ant-design/icons';
import type { TCustomerListQuery } from '@huifang/contracts';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, buildQuery, errorFromResponse, errorKeys } from '../../lib/api';
import { AgreementPrompt, useAgreementSigned } from '../confidentiality/SignAgreement';

/**
 * 导出客户: the customers the list's filters find, as CSV or XLSX in the import's columns
 * (docs/rules.md#r-cus-3-customer-export). Full contacts leave the app, so the current
 * confidentiality agreement must be signed first (the prompt beside the button), and the export is
 * audited. A refusal (too many rows, not signed) is told in a message, never a raw error page.
 */
export function ExportCustomers({ query }: { query: TCustomerListQuery }) {
  const { t, i18n } = useTranslation('customers');
  const { message } = App.useApp();
  const signed = useAgreementSigned();
  const [busy, setBusy] = useState(false);

  const download = async (format: 'csv' | 'xlsx') => {
    const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
    const { page: _p, size: _s, ...filters } = query;
    setBusy(true);
    try {
      const res = await fetch(`/api/customers/export${buildQuery({ ...filters, format, lang })}`, {
        credentials: 'same-origin',
      });
      if (!res.ok) throw errorFromResponse(res.status, res.statusText, await res.text());
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${t('export.fileName')}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
      message.success(t('export.done', { count: Number(res.headers.get('x-rows') ?? 0) }));
    } catch (e) {
      const max = e instanceof ApiError ? (e.details as { max?: number } | null)?.max : undefined;
      message.error(t(errorKeys(e, 'customers:export.error'), { max }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {signed === false ? <AgreementPrompt /> : null}
      <Dropdown
        disabled={signed === false}
        menu={{
          items: [
            { key: 'xlsx', label: <span data-testid="customers-export-xlsx">{t('export.xlsx')}</span> },
            { key: 'csv', label: <span data-testid="customers-export-csv">{t('export.csv')}</span> },
          ],
          onClick: ({ key }) => void download(key as 'csv' | 'xlsx'),
        }}
      >
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          disabled={signed === false}
          data-testid="customers-export"
        >
          {t('export.button')}
        </Button>
      </Dropdown>
    </>
  );
}
