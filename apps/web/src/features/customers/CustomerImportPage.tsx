import { CUSTOMER_IMPORT, customerKeys } from './api';
import { ImportScreen, type ImportScreenConfig } from './ImportScreen';

const CONFIG: ImportScreenConfig = {
  endpoints: CUSTOMER_IMPORT,
  texts: {
    title: 'importPage.title',
    subtitle: 'importPage.subtitle',
    columns: 'importPage.columns',
    back: 'importPage.backToList',
  },
  backTo: '/customers',
  fieldPrefix: 'importField',
  reasonPrefixes: ['importReason'],
  errorPrefixes: ['customers:importError'],
  stats: ['total', 'created', 'updated', 'unchanged', 'invalid'],
  invalidates: [customerKeys.all],
};

/** Customers from a CSV or XLSX file (docs/rules.md#r-cus-2-customer-import). */
export function CustomerImportPage() {
  return <ImportScreen config={CONFIG} />;
}
