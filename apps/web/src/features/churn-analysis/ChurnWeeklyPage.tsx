import { DownloadOutlined, LeftOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import type { TChurnDeepDive, TChurnMeeting, TChurnWeekCase, TChurnWeekly } from '@huifang/contracts';
import { CHURN_STAGES } from '@huifang/contracts/values';
import { addWeeks, isoWeekBounds, isoWeekOf } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, TOOLTIP_TEXT } from '../../components/ChartFrame';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime, formatPercent, todayInOrg } from '../../lib/format';
import { AgreementPrompt, useAgreementSigned } from '../confidentiality/SignAgreement';
import { MeasureFormModal, type MeasureFromDecision } from '../measures/MeasureForm';
import { churnWeeklyQuery, usePickDeepDive, useWriteMeeting, weeklyExportUrl } from './api';
import { STAGE_COLORS } from './colors';

// On paper: no menu, header or buttons; the sections do not break across pages.
const PRINT_CSS = `
@page { size: A4; margin: 12mm; }
@media print {
  .ant-layout-sider, .ant-layout-header, .churn-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .churn-section { break-inside: avoid; box-shadow: none !important; }
}
`;

/**
 * 每周流失分析 (docs/rules.md#r-churn-5-weekly-analysis): the analysis group's meeting page — the
 * week's cases by stage and reason (Pareto), the 12-week trend, the cases picked for a deep dive and
 * the minutes with their decisions; printable, and exported as a workbook.
 */
export function ChurnWeeklyPage() {
  const { t, i18n } = useTranslation('churnWeekly');
  const signed = useAgreementSigned();
  const [params] = useSearchParams();
  const [week, setWeek] = useState(() => {
    const asked = params.get('week');
    return asked && isoWeekBounds(asked) ? asked : isoWeekOf(todayInOrg());
  });
  const q = useQuery(churnWeeklyQuery(week));
  const bounds = isoWeekBounds(week)!;
  const w = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="churn-weekly">
      <style>{PRINT_CSS}</style>
      <Card className="churn-section">
        <Row gutter={[16, 12]} align="middle" justify="space-between">
          <Col>
            <PageTitle title={t('title')} subtitle={t('subtitle')} />
          </Col>
          <Col>
            <Space wrap className="churn-no-print">
              <Button
                icon={<LeftOutlined />}
                aria-label={t('previous')}
                onClick={() => setWeek(addWeeks(week, -1))}
                data-testid="churn-week-prev"
              />
              <DatePicker
                picker="week"
                allowClear={false}
                value={dayjs(bounds.first)}
                format={() =>
                  t('weekLabel', { week, first: bounds.first.slice(5), last: bounds.last.slice(5) })
                }
                onChange={(d) => d && setWeek(isoWeekOf(d.format('YYYY-MM-DD')))}
                aria-label={t('week')}
                style={{ width: 230 }}
                data-testid="churn-week"
              />
              <Button
                icon={<RightOutlined />}
                aria-label={t('next')}
                onClick={() => setWeek(addWeeks(week, 1))}
                data-testid="churn-week-next"
              />
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="churn-print">
                {t('print')}
              </Button>
              {signed === false ? <AgreementPrompt /> : null}
              <Button
                icon={<DownloadOutlined />}
                disabled={signed === false}
                href={weeklyExportUrl(week, i18n.language)}
                data-testid="churn-export"
              >
                {t('export')}
              </Button>
            </Space>
          </Col>
        </Row>
      </Card>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card className="churn-section" loading={q.isPending}>
                <Statistic title={t('total')} value={w?.total ?? 0} data-testid="churn-total" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card className="churn-section" loading={q.isPending}>
                <Statistic
                  title={t('pending')}
                  value={w?.pendingSuggestions ?? 0}
                  data-testid="churn-pending"
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card className="churn-section" loading={q.isPending} title={t('byStage')} size="small">
                <Space wrap>
                  {(w?.byStage ?? []).map((s) => (
                    <Tag key={s.stage ?? 'NONE'}>
                      <StageDot stage={s.stage} />
                      {t(`stage.${s.stage ?? 'NONE'}`)} {s.n}
                    </Tag>
                  ))}
                  {w && w.byStage.length === 0 ? (
                    <Typography.Text type="secondary">{t('none')}</Typography.Text>
                  ) : null}
                </Space>
              </Card>
            </Col>
          </Row>
          {w ? <Charts w={w} /> : null}
          {w ? <CasesCard week={week} cases={w.cases} truncated={w.casesTruncated} /> : null}
          {w && w.deepDives.length > 0 ? <DeepDives dives={w.deepDives} /> : null}
          {w ? (
            <MeetingCard
              key={`${week}-${w.meeting?.version ?? 0}`}
              week={week}
              last={w.last}
              meeting={w.meeting}
              suggest={{
                reasonIds: w.pareto.filter((r) => r.vital && r.reasonId).map((r) => r.reasonId as string),
                caseIds: w.deepDives.map((d) => d.id),
              }}
            />
          ) : null}
        </>
      )}
    </Space>
  );
}

/** The stage's chart colour as a dot beside its name: the text itself keeps the tag's contrast. */
function StageDot({ stage }: { stage: string | null }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 8,
        height: 8,
        borderRadius: 4,
        marginInlineEnd: 6,
        background: STAGE_COLORS[stage ?? 'NONE'],
      }}
    />
  );
}

function reasonName(
  t: (k: string) => string,
  lang: string,
  r: { label: string | null; labelEn: string | null },
) {
  return (lang === 'en' ? (r.labelEn ?? r.label) : r.label) ?? t('noReason');
}

function Charts({ w }: { w: TChurnWeekly }) {
  const { t, i18n } = useTranslation('churnWeekly');
  const pareto = w.pareto.map((r) => ({
    name: reasonName(t, i18n.language, r),
    n: r.n,
    // drawn only, never compared
    cumulative: r.cumulativeBp / 100,
  }));
  const stages = [...CHURN_STAGES, 'NONE'] as const;
  const trend = w.trend.map((x) => ({ week: x.week.slice(5), ...x.byStage }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card className="churn-section" title={t('pareto')} size="small" data-testid="churn-pareto">
          {pareto.length === 0 ? (
            <Empty description={t('none')} />
          ) : (
            <>
              <ChartFrame height={260} testId="churn-pareto-chart">
                <ComposedChart data={pareto} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
                  <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} />
                  <YAxis
                    yAxisId="pct"
                    orientation="right"
                    domain={[0, 100]}
                    unit="%"
                    tick={{ fontSize: 12 }}
                  />
                  <Tooltip itemStyle={TOOLTIP_TEXT} />
                  <Legend />
                  <Bar yAxisId="n" dataKey="n" name={t('cases')} fill="#ff7875" maxBarSize={36} />
                  <Line yAxisId="pct" dataKey="cumulative" name={t('cumulative')} stroke="#1677ff" dot />
                </ComposedChart>
              </ChartFrame>
              <Table
                size="small"
                rowKey={(r) => r.reasonId ?? 'none'}
                pagination={false}
                dataSource={w.pareto}
                columns={[
                  {
                    title: t('reason'),
                    key: 'reason',
                    render: (_, r) => (
                      <Space size={4} wrap>
                        {r.category ? <Tag>{t(`category.${r.category}`)}</Tag> : null}
                        {reasonName(t, i18n.language, r)}
                        {r.vital ? <Tag color="red">{t('vital')}</Tag> : null}
                      </Space>
                    ),
                  },
                  { title: t('cases'), dataIndex: 'n', key: 'n', align: 'right' },
                  {
                    title: t('share'),
                    key: 'share',
                    align: 'right',
                    render: (_, r) => formatPercent(r.shareBp / 10000),
                  },
                ]}
                data-testid="churn-pareto-table"
              />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card className="churn-section" title={t('trend')} size="small" data-testid="churn-trend">
          <ChartFrame height={260} testId="churn-trend-chart">
            <BarChart data={trend} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="week" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip itemStyle={TOOLTIP_TEXT} />
              <Legend />
              {stages.map((s) => (
                <Bar
                  key={s}
                  dataKey={s}
                  stackId="a"
                  name={t(`stage.${s}`)}
                  fill={STAGE_COLORS[s]}
                  maxBarSize={28}
                />
              ))}
            </BarChart>
          </ChartFrame>
        </Card>
      </Col>
    </Row>
  );
}

function CasesCard({
  week,
  cases,
  truncated,
}: {
  week: string;
  cases: TChurnWeekCase[];
  truncated: boolean;
}) {
  const { t, i18n } = useTranslation('churnWeekly');
  const pick = usePickDeepDive(week);
  return (
    <Card className="churn-section" title={t('weekCases')} size="small" data-testid="churn-cases">
      {pick.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(pick.error, 'churnWeekly:error'))}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<TChurnWeekCase>
        size="small"
        rowKey="id"
        dataSource={cases}
        pagination={cases.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Typography.Text type="secondary">{t('none')}</Typography.Text> }}
        columns={[
          { title: t('day'), dataIndex: 'day', key: 'day', width: 110 },
          {
            title: t('customer'),
            key: 'name',
            render: (_, c) => <Link to={`/churn/${c.id}`}>{c.name}</Link>,
          },
          { title: t('stage.title'), key: 'stage', render: (_, c) => t(`stage.${c.stage ?? 'NONE'}`) },
          {
            title: t('reason'),
            key: 'reason',
            render: (_, c) =>
              reasonName(t, i18n.language, { label: c.reasonLabel, labelEn: c.reasonLabelEn }),
          },
          { title: t('department'), dataIndex: 'departmentName', key: 'dept', render: (v) => v ?? '—' },
          {
            title: t('deepDive'),
            key: 'deepDive',
            render: (_, c) => (
              <Switch
                size="small"
                checked={c.deepDive}
                loading={pick.isPending && pick.variables?.caseId === c.id}
                onChange={(picked) => pick.mutate({ caseId: c.id, picked, version: c.version })}
                aria-label={t('deepDivePick', { name: c.name })}
                data-testid={`deep-dive-${c.id}`}
              />
            ),
          },
        ]}
      />
      {truncated ? <Typography.Text type="secondary">{t('truncated')}</Typography.Text> : null}
    </Card>
  );
}

function DeepDives({ dives }: { dives: TChurnDeepDive[] }) {
  const { t, i18n } = useTranslation('churnWeekly');
  return (
    <Card className="churn-section" title={t('deepDives')} size="small" data-testid="churn-deep-dives">
      <Row gutter={[16, 16]}>
        {dives.map((d) => (
          <Col xs={24} lg={12} key={d.id}>
            <Card
              size="small"
              type="inner"
              title={
                <Space wrap>
                  {d.customerId ? <Link to={`/customers/${d.customerId}`}>{d.name}</Link> : d.name}
                  <Tag>
                    <StageDot stage={d.stage} />
                    {t(`stage.${d.stage ?? 'NONE'}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {reasonName(t, i18n.language, { label: d.reasonLabel, labelEn: d.reasonLabelEn })}
                  </Typography.Text>
                </Space>
              }
            >
              {d.note ? <Typography.Paragraph>{d.note}</Typography.Paragraph> : null}
              <Typography.Text strong>{t('visits')}</Typography.Text>
              <List
                size="small"
                dataSource={d.visits}
                locale={{ emptyText: <Typography.Text type="secondary">{t('none')}</Typography.Text> }}
                renderItem={(v) => (
                  <List.Item>
                    <Space wrap size={4}>
                      <Typography.Text>{formatDateTime(v.startedAt)}</Typography.Text>
                      <Tag>{t(`common:outcome.${v.outcome}`)}</Tag>
                      {v.satisfaction !== null ? t('satisfaction', { value: v.satisfaction }) : null}
                      {v.opinion ? <Typography.Text type="secondary">{v.opinion}</Typography.Text> : null}
                    </Space>
                  </List.Item>
                )}
              />
              <Typography.Text strong>{t('tickets')}</Typography.Text>
              <List
                size="small"
                dataSource={d.tickets}
                locale={{ emptyText: <Typography.Text type="secondary">{t('none')}</Typography.Text> }}
                renderItem={(x) => (
                  <List.Item>
                    <Link to={`/tickets/${x.id}`}>
                      #{x.number} {x.title}
                    </Link>
                  </List.Item>
                )}
              />
              <Typography.Text strong>{t('inspections')}</Typography.Text>
              <List
                size="small"
                dataSource={d.inspections}
                locale={{ emptyText: <Typography.Text type="secondary">{t('none')}</Typography.Text> }}
                renderItem={(x) => (
                  <List.Item>
                    <Space size={4}>
                      <Link to={`/inspections/${x.id}`}>{t('inspection', { score: x.score ?? '—' })}</Link>
                      {x.passed === null ? null : (
                        <Tag color={x.passed ? 'green' : 'red'}>{x.passed ? t('passed') : t('failed')}</Tag>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

interface MeetingValues {
  heldOn: Dayjs;
  attendees?: string;
  minutes: string;
  decisions: Array<{ text: string; measureId: string | null }>;
}

function MeetingCard({
  week,
  last,
  meeting,
  suggest,
}: {
  week: string;
  last: string;
  meeting: TChurnMeeting | null;
  /** what a measure drafted from a decision starts with: the week's vital reasons and its deep-dive cases */
  suggest: { reasonIds: string[]; caseIds: string[] };
}) {
  const { t } = useTranslation('churnWeekly');
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const [form] = Form.useForm<MeetingValues>();
  const save = useWriteMeeting(week);
  const [drafting, setDrafting] = useState<MeasureFromDecision | null>(null);
  const mayDraft = can('measure:write') && can('churn:analyse');
  return (
    <Card
      className="churn-section"
      title={t('meeting.title')}
      size="small"
      extra={
        meeting ? (
          <Typography.Text type="secondary">
            {t('meeting.saved', { name: meeting.createdByName ?? '', at: formatDateTime(meeting.updatedAt) })}
          </Typography.Text>
        ) : null
      }
      data-testid="churn-meeting"
    >
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(save.error, 'churnWeekly:error'))}
          style={{ marginBottom: 12 }}
          data-testid="churn-meeting-error"
        />
      ) : null}
      <Form<MeetingValues>
        form={form}
        layout="vertical"
        initialValues={{
          heldOn: dayjs(meeting?.heldOn ?? last),
          attendees: meeting?.attendees ?? '',
          minutes: meeting?.minutes ?? '',
          decisions: meeting?.decisions ?? [],
        }}
        onFinish={(v) =>
          save.mutate(
            {
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              attendees: v.attendees?.trim() || null,
              minutes: v.minutes,
              decisions: (v.decisions ?? [])
                .filter((d) => d?.text?.trim())
                .map((d) => ({ text: d.text.trim(), measureId: d.measureId ?? null })),
              version: meeting?.version ?? 0,
            },
            { onSuccess: () => message.success(t('meeting.savedToast')) },
          )
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="heldOn" label={t('meeting.heldOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="churn-meeting-day" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="attendees" label={t('meeting.attendees')}>
              <Input maxLength={500} data-testid="churn-meeting-attendees" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="minutes"
          label={t('meeting.minutes')}
          rules={[{ required: true, whitespace: true, message: t('meeting.minutesRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={20000} data-testid="churn-meeting-minutes" />
        </Form.Item>
        <Typography.Text strong>{t('meeting.decisions')}</Typography.Text>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
              {fields.map((f, n) => (
                <Space.Compact key={f.key} style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'text']} noStyle>
                    <Input
                      placeholder={t('meeting.decisionPlaceholder')}
                      aria-label={t('meeting.decisionN', { n: n + 1 })}
                      data-testid={`churn-decision-${n}`}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const saved = meeting?.decisions[n];
                      const text = form.getFieldValue(['decisions', f.name, 'text']) as string | undefined;
                      if (!saved || saved.text !== text?.trim()) return null;
                      if (saved.measureId)
                        return (
                          <Button
                            onClick={() => navigate(`/improvement-measures/${saved.measureId}`)}
                            data-testid={`churn-decision-measure-${n}`}
                          >
                            {t('meeting.openMeasure')}
                          </Button>
                        );
                      return mayDraft ? (
                        <Button
                          className="churn-no-print"
                          onClick={() => setDrafting({ week, index: n, title: saved.text, ...suggest })}
                          data-testid={`churn-decision-to-measure-${n}`}
                        >
                          {t('meeting.toMeasure')}
                        </Button>
                      ) : null;
                    }}
                  </Form.Item>
                  <Button
                    className="churn-no-print"
                    onClick={() => remove(f.name)}
                    aria-label={t('meeting.removeDecision', { n: n + 1 })}
                    // antd writes a two-character Chinese label as "删 除", which is then no longer
                    // part of the accessible name (axe: label-content-name-mismatch)
                    autoInsertSpace={false}
                  >
                    {t('meeting.remove')}
                  </Button>
                </Space.Compact>
              ))}
              <Button
                type="dashed"
                className="churn-no-print"
                onClick={() => add({ text: '', measureId: null })}
                data-testid="churn-decision-add"
              >
                {t('meeting.addDecision')}
              </Button>
            </Space>
          )}
        </Form.List>
        <div className="churn-no-print" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="churn-meeting-save">
            {t('meeting.save')}
          </Button>
        </div>
      </Form>
      {drafting ? <MeasureFormModal from={drafting} onClose={() => setDrafting(null)} /> : null}
    </Card>
  );
}
