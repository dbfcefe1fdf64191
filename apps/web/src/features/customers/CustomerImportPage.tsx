import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TImportJob, TImportRowError } from '@huifang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ApiError, errorKeys } from '../../lib/api';
import { customerKeys, fetchImportJob, newJobId, templateUrl, uploadImport } from './api';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; fileName: string; jobId: string; upload: number; job: TImportJob | null }
  | { kind: 'done'; job: TImportJob }
  | { kind: 'failed'; fileName: string; error: unknown };

const ACCEPT = ['.csv', '.xlsx'];
const POLL_MS = 500;

export function CustomerImportPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abortRef = useRef<(() => void) | null>(null);
  const running = phase.kind === 'running' ? phase : null;
  const jobId = running?.jobId;

  // While the request runs, the job's progress is polled; 404 just means "not started yet".
  useEffect(() => {
    if (!jobId) return;
    const controller = new AbortController();
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      fetchImportJob(jobId, controller.signal)
        .then((job) =>
          setPhase((p) =>
            p.kind === 'running' && p.jobId === jobId && job.status === 'RUNNING' ? { ...p, job } : p,
          ),
        )
        .catch(() => {})
        .finally(() => {
          busy = false;
        });
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [jobId]);

  useEffect(() => () => abortRef.current?.(), []);

  const start = (file: File) => {
    const ext = file.name.slice(file.name.lastIndexOf('.')).toLowerCase();
    if (!ACCEPT.includes(ext)) {
      setPhase({
        kind: 'failed',
        fileName: file.name,
        error: new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', ''),
      });
      return;
    }
    const id = newJobId();
    setPhase({ kind: 'running', fileName: file.name, jobId: id, upload: 0, job: null });
    const { promise, abort } = uploadImport(file, id, (ratio) =>
      setPhase((p) => (p.kind === 'running' && p.jobId === id ? { ...p, upload: ratio } : p)),
    );
    abortRef.current = abort;
    promise
      .then((job) => {
        setPhase({ kind: 'done', job });
        void qc.invalidateQueries({ queryKey: customerKeys.all });
      })
      .catch((error) => setPhase({ kind: 'failed', fileName: file.name, error }))
      .finally(() => {
        abortRef.current = null;
      });
  };

  return (
    <Card
      title={<PageTitle title={t('importPage.title')} subtitle={t('importPage.subtitle')} />}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/customers')}>
          {t('importPage.backToList')}
        </Button>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('importPage.template')}:</Typography.Text>
          <Button icon={<DownloadOutlined />} href={templateUrl('xlsx')} data-testid="template-xlsx">
            {t('importPage.templateXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={templateUrl('csv')} data-testid="template-csv">
            {t('importPage.templateCsv')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('importPage.columns')}
        </Typography.Paragraph>

        <div data-testid="import-dropzone">
          <Upload.Dragger
            accept={ACCEPT.join(',')}
            multiple={false}
            showUploadList={false}
            disabled={!!running}
            customRequest={({ file }) => start(file as File)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('importPage.drop')}</p>
            <p className="ant-upload-hint">{t('importPage.dropHint')}</p>
          </Upload.Dragger>
        </div>

        {running ? <RunningProgress phase={running} /> : null}
        {phase.kind === 'failed' ? <ImportError fileName={phase.fileName} error={phase.error} /> : null}
        {phase.kind === 'done' ? <ImportResult job={phase.job} /> : null}
      </Space>
    </Card>
  );
}

function RunningProgress({ phase }: { phase: Extract<Phase, { kind: 'running' }> }) {
  const { t } = useTranslation('customers');
  const job = phase.job;
  return (
    <Card size="small" data-testid="import-progress">
      {phase.upload < 1 ? (
        <>
          <Typography.Text>{t('importPage.uploading', { name: phase.fileName })}</Typography.Text>
          <Progress
            percent={Math.floor(phase.upload * 100)}
            status="active"
            aria-label={t('importPage.progress')}
          />
        </>
      ) : job && job.total > 0 ? (
        <>
          <Typography.Text>
            {t('importPage.processing', { processed: job.processed, total: job.total })}
          </Typography.Text>
          <Progress
            percent={Math.floor((job.processed / job.total) * 100)}
            status="active"
            aria-label={t('importPage.progress')}
          />
        </>
      ) : (
        <>
          <Typography.Text>{t('importPage.waiting')}</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} aria-label={t('importPage.progress')} />
        </>
      )}
    </Card>
  );
}

function ImportError({ fileName, error }: { fileName: string; error: unknown }) {
  const { t } = useTranslation('customers');
  const details = (error instanceof ApiError ? error.details : undefined) as
    | { missing?: string[]; duplicates?: string[]; row?: number }
    | undefined;
  const columns = (details?.missing ?? details?.duplicates ?? [])
    .map((f) => t(`importField.${f}`))
    .join('、');
  const text = t(errorKeys(error, 'customers:importError'), { columns, row: details?.row ?? '?' });
  return (
    <Alert
      type="error"
      showIcon
      title={`${t('importPage.failed')}：${fileName}`}
      description={text}
      data-testid="import-error"
    />
  );
}

function ImportResult({ job }: { job: TImportJob }) {
  const { t } = useTranslation('customers');
  const stats: Array<[keyof TImportJob, string, string?]> = [
    ['total', t('importPage.result.total')],
    ['created', t('importPage.result.created'), '#237804'],
    ['updated', t('importPage.result.updated'), '#1677ff'],
    ['unchanged', t('importPage.result.unchanged')],
    ['invalid', t('importPage.result.invalid'), job.invalid > 0 ? '#cf1322' : undefined],
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-result">
      <Alert
        type={job.invalid > 0 ? 'warning' : 'success'}
        showIcon
        title={t('importPage.done', { name: job.fileName })}
        description={job.invalid === 0 ? t('importPage.noErrors') : undefined}
      />
      <Row gutter={16}>
        {stats.map(([key, label, color]) => (
          <Col key={key} xs={12} sm={8} md={4}>
            <div data-testid={`import-${key}`}>
              <Card size="small">
                <Statistic
                  title={label}
                  value={job[key] as number}
                  styles={{ content: color ? { color } : undefined }}
                />
              </Card>
            </div>
          </Col>
        ))}
      </Row>
      {job.errors.length > 0 ? (
        <Card
          size="small"
          title={t('importPage.errorsTitle', { count: job.invalid })}
          extra={
            job.errors.length >= 1000 ? (
              <Typography.Text type="secondary">
                {t('importPage.errorsCapped', { count: 1000 })}
              </Typography.Text>
            ) : null
          }
        >
          <Table<TImportRowError & { key: string }>
            size="small"
            data-testid="import-errors"
            dataSource={job.errors.map((e, i) => ({ ...e, key: `${e.row}-${e.field ?? ''}-${i}` }))}
            pagination={job.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            columns={[
              { title: t('importPage.col.row'), dataIndex: 'row', width: 90, align: 'right' },
              {
                title: t('importPage.col.field'),
                dataIndex: 'field',
                width: 140,
                render: (f?: string) => (f ? t(`importField.${f}`, { defaultValue: f }) : '--'),
              },
              {
                title: t('importPage.col.reason'),
                dataIndex: 'reason',
                render: (r: string) => t([`importReason.${r}`, 'importReason.OTHER']),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
