import { customerEventKeys, customerKeys, EVENT_IMPORT } from './api';
import { ImportScreen, type ImportScreenConfig } from './ImportScreen';

const CONFIG: ImportScreenConfig = {
  endpoints: EVENT_IMPORT,
  texts: {
    title: 'eventImport.title',
    subtitle: 'eventImport.subtitle',
    columns: 'eventImport.columns',
    back: 'importPage.backToList',
  },
  backTo: '/customers',
  fieldPrefix: 'eventImport.field',
  reasonPrefixes: ['eventImport.reason', 'importReason'],
  errorPrefixes: ['customers:eventImport.error', 'customers:importError'],
  // an event is recorded or was already: never updated
  stats: ['total', 'created', 'unchanged', 'invalid'],
  // a standing rule may have given customers tasks at once
  invalidates: [customerEventKeys.all, customerKeys.all],
};

/** Customer events from a CSV or XLSX file (docs/rules.md#r-evt-2-event-import). */
export function CustomerEventImportPage() {
  return <ImportScreen config={CONFIG} />;
}
