import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TReportDetail, TReportNarrative } from '@huifang/contracts';
import { NARRATIVE_SECTIONS } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { ChainSteps } from '../approval-chains/ChainSteps';
import { reportQuery, useReportAction, useUpdateReport } from './api';
import { reportError } from './errors';
import {
  CallerTable,
  ComputedAt,
  FigureCards,
  ProblemList,
  SatisfactionChart,
  TicketFigures,
} from './ReportFigures';
import { ReportStatusTag } from './ReportStatusTag';

/** One monthly report: figures, narrative, the actions of the viewer's role and the timeline. */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('reports');
  const report = useQuery(reportQuery(id));
  if (report.isLoading) return <Spin />;
  if (!report.data) {
    return (
      <Result
        status="error"
        title={t('common:error.title')}
        subTitle={reportError(t, report.error)}
        extra={<Link to="/reports">{t('common:actions.back')}</Link>}
      />
    );
  }
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: TReportDetail }) {
  const { t } = useTranslation('reports');
  // What the user may do next comes from the server (the report workflow).
  const editable = report.can.edit;
  const f = report.figures;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap>
            <Typography.Title level={1} style={{ margin: 0 }} data-testid="report-title">
              {t('page.title', {
                month: report.month,
                team:
                  report.kind === 'ROLLUP'
                    ? t('approvalChains:rollup.kind')
                    : (report.teamName ?? t('list.allTeams')),
              })}
            </Typography.Title>
            <ReportStatusTag status={report.status} />
          </Space>
          <Space wrap>
            <Link to="/reports">{t('common:actions.back')}</Link>
            <Link to={`/reports/${report.id}/print`} data-testid="report-print-link">
              <Button icon={<PrinterOutlined />}>{t('page.printView')}</Button>
            </Link>
            <Actions report={report} />
          </Space>
        </Flex>
      </Card>
      {report.status !== 'DRAFT' || report.kind === 'ROLLUP' ? (
        <Card size="small">
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {report.kind === 'ROLLUP' ? (
              <Typography.Text strong data-testid="rollup-sources">
                {t('approvalChains:rollup.kind')} · {t('approvalChains:rollup.sources')}:{' '}
                {report.sources.map((s) => s.teamName ?? '').join(t('approvalChains:rollup.sep'))}
              </Typography.Text>
            ) : null}
            <ChainSteps chain={report.chain} at={report.chainStep} status={report.status} />
          </Space>
        </Card>
      ) : null}
      {report.status === 'RETURNED' && report.returnComment ? (
        <Alert
          type="error"
          showIcon
          title={t('page.returned', { name: report.deciderName ?? '' })}
          description={report.returnComment}
          data-testid="return-comment"
        />
      ) : null}
      {report.status === 'APPROVED' ? (
        <Alert type="success" showIcon title={t('page.frozen', { at: formatDateTime(report.decidedAt) })} />
      ) : null}
      <FigureCards figures={f} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('figures.distribution')}>
            <SatisfactionChart figures={f} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('figures.problems')}>
            <ProblemList figures={f} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('figures.ticketSla')}>
        <TicketFigures figures={f} />
      </Card>
      <Card size="small" title={t('figures.callers')} extra={<ComputedAt figures={f} />}>
        <CallerTable figures={f} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <NarrativeCard report={report} editable={editable} />
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('page.timeline')}>
            {report.timeline.length === 0 ? (
              <Typography.Text type="secondary">{t('page.noTimeline')}</Typography.Text>
            ) : (
              <Timeline
                data-testid="report-timeline"
                items={report.timeline.map((r) => ({
                  key: r.id,
                  color:
                    r.action === 'RETURN'
                      ? 'red'
                      : r.action === 'APPROVE' || r.action === 'FORWARD'
                        ? 'green'
                        : 'blue',
                  content: (
                    <div>
                      <Typography.Text strong>{t(`action.${r.action}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {r.actorName} · {formatDateTime(r.createdAt)}
                      </Typography.Text>
                      {r.comment ? <div>{r.comment}</div> : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function NarrativeCard({ report, editable }: { report: TReportDetail; editable: boolean }) {
  const { t } = useTranslation('reports');
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<TReportNarrative>();
  const update = useUpdateReport(report.id);
  const action = useReportAction(report.id);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!editable) return;
    form.setFieldsValue(report.narrative);
    setDirty(false);
  }, [form, report.narrative, editable]);

  const save = async () => {
    const values = form.getFieldsValue();
    const saved = await update.mutateAsync({ narrative: values, version: report.version });
    setDirty(false);
    return saved;
  };
  const onSave = () =>
    save().then(
      () => void message.success(t('common:saved')),
      (e) => void message.error(reportError(t, e)),
    );
  const onSubmit = async () => {
    try {
      if (dirty) await save();
      await action.mutateAsync({ action: 'submit' });
      message.success(t('page.submitted'));
    } catch (e) {
      message.error(reportError(t, e));
    }
  };
  return (
    <Card
      size="small"
      title={t('page.narrative')}
      extra={
        editable ? (
          <Space>
            <Button onClick={onSave} loading={update.isPending} disabled={!dirty} data-testid="report-save">
              {t('common:actions.save')}
            </Button>
            <Button
              type="primary"
              loading={action.isPending}
              data-testid="report-submit"
              onClick={() =>
                modal.confirm({
                  title: t('page.submitConfirm'),
                  content: t('page.submitHint'),
                  okText: t('common:actions.submit'),
                  cancelText: t('common:actions.cancel'),
                  onOk: () => void onSubmit(),
                })
              }
            >
              {t('common:actions.submit')}
            </Button>
          </Space>
        ) : null
      }
    >
      {editable ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={report.narrative}
          onValuesChange={() => setDirty(true)}
        >
          {NARRATIVE_SECTIONS.map((s) => (
            <Form.Item key={s} label={t(`section.${s}`)} name={s}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={20000}
                placeholder={t(`placeholder.${s}`)}
                data-testid={`narrative-${s}`}
              />
            </Form.Item>
          ))}
        </Form>
      ) : (
        // Submitted or approved: the text to be read, not greyed-out inputs
        NARRATIVE_SECTIONS.map((s) => (
          <section key={s} style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ fontSize: 14, marginTop: 0 }}>
              {t(`section.${s}`)}
            </Typography.Title>
            <Typography.Paragraph
              data-testid={`narrative-${s}`}
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              type={report.narrative[s] ? undefined : 'secondary'}
            >
              {report.narrative[s] || t('page.sectionEmpty')}
            </Typography.Paragraph>
          </section>
        ))
      )}
    </Card>
  );
}

function Actions({ report }: { report: TReportDetail }) {
  const { t } = useTranslation('reports');
  const { message, modal } = App.useApp();
  const action = useReportAction(report.id);
  const [returning, setReturning] = useState(false);
  const run = (a: 'refresh' | 'approve', ok: string) =>
    action.mutate(
      { action: a },
      {
        onSuccess: () => void message.success(ok),
        onError: (e) => void message.error(reportError(t, e)),
      },
    );
  return (
    <>
      {report.can.refresh ? (
        <Button
          icon={<ReloadOutlined />}
          onClick={() => run('refresh', t('page.refreshed'))}
          data-testid="report-refresh"
        >
          {t('page.refresh')}
        </Button>
      ) : null}
      {report.can.approve || report.can.return ? (
        <>
          <Button danger onClick={() => setReturning(true)} data-testid="report-return">
            {t('page.return')}
          </Button>
          <Button
            type="primary"
            data-testid="report-approve"
            loading={action.isPending}
            onClick={() =>
              modal.confirm({
                title: t('page.approveConfirm'),
                content: t('page.approveHint'),
                okText: t('common:actions.approve'),
                cancelText: t('common:actions.cancel'),
                onOk: () => run('approve', t('page.approved')),
              })
            }
          >
            {t('common:actions.approve')}
          </Button>
        </>
      ) : null}
      {returning ? <ReturnModal id={report.id} onClose={() => setReturning(false)} /> : null}
    </>
  );
}

function ReturnModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('reports');
  const { message } = App.useApp();
  const action = useReportAction(id);
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open
      title={t('page.returnTitle')}
      okText={t('page.return')}
      okButtonProps={{ danger: true, 'data-testid': 'return-ok' } as ButtonProps}
      confirmLoading={action.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          action.mutate(
            { action: 'return', body: { comment: v.comment.trim() } },
            {
              onSuccess: () => {
                message.success(t('page.returnedOk'));
                onClose();
              },
              onError: (e) => void message.error(reportError(t, e)),
            },
          )
        }
      >
        <Form.Item
          label={t('page.returnComment')}
          name="comment"
          rules={[{ required: true, whitespace: true, message: t('page.returnRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="return-comment-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
