import { PrinterOutlined } from '@ant-design/icons';
import type { TReportDetail } from '@huifang/contracts';
import { NARRATIVE_SECTIONS } from '@huifang/contracts/values';
import { formatBp } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { reportQuery } from './api';
import { reportError } from './errors';
import { CallerTable, ProblemList, SatisfactionChart, TicketFigures } from './ReportFigures';

// The app chrome (menu, header) and the buttons of this page disappear on paper; the sheet is A4.
const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
@media print {
  .ant-layout-sider, .ant-layout-header, .report-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .report-sheet { box-shadow: none !important; margin: 0 !important; padding: 0 !important; width: auto !important; }
  .report-sheet section { break-inside: avoid; }
}
`;

/** The print-ready report: a clean A4 sheet with the figures and narrative as they stand (frozen once approved). */
export function ReportPrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('reports');
  const report = useQuery(reportQuery(id));
  if (report.isLoading) return <Spin />;
  if (!report.data) {
    return <Result status="error" title={t('common:error.title')} subTitle={reportError(t, report.error)} />;
  }
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Flex
        className="report-no-print"
        justify="space-between"
        style={{ maxWidth: '210mm', margin: '0 auto 16px' }}
      >
        <Link to={`/reports/${id}`}>{t('common:actions.back')}</Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="report-print"
        >
          {t('print.print')}
        </Button>
      </Flex>
      <Sheet report={report.data} />
    </>
  );
}

function Sheet({ report }: { report: TReportDetail }) {
  const { t } = useTranslation('reports');
  const f = report.figures;
  const team = report.teamName ?? t('list.allTeams');
  const rows: Array<[string, string]> = [
    [
      t('figures.completion'),
      t('print.figure', {
        value: formatBp(f.tasks.completion.bp),
        detail: `${f.tasks.done}/${f.tasks.assigned}`,
      }),
    ],
    [
      t('figures.satisfaction'),
      t('print.figure', {
        value: f.satisfaction.mean ?? '—',
        detail: t('figures.satisfactionDetail', { count: f.satisfaction.count }),
      }),
    ],
    [
      t('figures.passRate'),
      t('print.figure', {
        value: formatBp(f.inspections.passRate.bp),
        detail: `${f.inspections.passed}/${f.inspections.submitted}`,
      }),
    ],
    [
      t('figures.onTime'),
      t('print.figure', {
        value: formatBp(f.tickets.onTime.bp),
        detail: `${f.tickets.respondedOnTime}/${f.tickets.respondedOnTime + f.tickets.respondedLate}`,
      }),
    ],
  ];
  return (
    <article
      className="report-sheet"
      data-testid="report-sheet"
      style={{
        width: '210mm',
        maxWidth: '100%',
        margin: '0 auto',
        padding: '15mm',
        background: '#fff',
        boxShadow: '0 1px 4px rgba(0,0,0,.15)',
      }}
    >
      <Typography.Title level={1} style={{ textAlign: 'center', fontSize: 24 }}>
        {t('print.title', { month: report.month, team })}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t(`status.${report.status}`)}
        {report.status === 'APPROVED'
          ? ` · ${t('print.approvedBy', { name: report.deciderName ?? '', at: formatDateTime(report.decidedAt) })}`
          : ` · ${t('print.draftNote')}`}
        {' · '}
        {t('print.author', { name: report.creatorName ?? '' })}
      </Typography.Paragraph>
      <section>
        <Typography.Title level={5}>{t('print.keyFigures')}</Typography.Title>
        <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="print-figures">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th
                  style={{
                    textAlign: 'left',
                    border: '1px solid #ddd',
                    padding: 6,
                    width: '40%',
                    fontWeight: 500,
                  }}
                >
                  {k}
                </th>
                <td style={{ textAlign: 'right', border: '1px solid #ddd', padding: 6 }}>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section style={{ marginTop: 16 }}>
        <Typography.Title level={5}>{t('figures.ticketSla')}</Typography.Title>
        <TicketFigures figures={f} />
      </section>
      <section style={{ marginTop: 16 }}>
        <Typography.Title level={5}>{t('figures.distribution')}</Typography.Title>
        <SatisfactionChart figures={f} height={180} />
      </section>
      <section style={{ marginTop: 16 }}>
        <Typography.Title level={5}>{t('figures.problems')}</Typography.Title>
        <ProblemList figures={f} />
      </section>
      <section style={{ marginTop: 16 }}>
        <Typography.Title level={5}>{t('figures.callers')}</Typography.Title>
        <CallerTable figures={f} />
      </section>
      {NARRATIVE_SECTIONS.map((s) => (
        <section key={s} style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t(`section.${s}`)}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={`print-${s}`}>
            {report.narrative[s] || '—'}
          </Typography.Paragraph>
        </section>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('figures.computedAt', { at: formatDateTime(f.computedAt) })}
      </Typography.Paragraph>
    </article>
  );
}
