// One screen for importing a file: template download, upload with progress, the job's counts and
// the rows it could not import. Customers and customer events each give it their endpoints, texts
// and columns (ImportScreenConfig).
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TImportJob, TImportRowError } from '@huifang/contracts';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ApiError } from '../../lib/api';
import { fetchImportJob, type ImportEndpoints, newJobId, uploadImport } from './api';
import {
  ACCEPTED_FILES,
  errorColumns,
  type ImportStat,
  importErrorKeys,
  isAcceptedFile,
  reasonKeys,
} from './import-texts';

export interface ImportScreenConfig {
  endpoints: ImportEndpoints;
  /** keys (namespace customers) of the title, the subtitle, the columns' explanation and the way back */
  texts: { title: string; subtitle: string; columns: string; back: string };
  /** where the way back leads */
  backTo: string;
  /** key prefixes of the column names and, in order of preference, of row problems and file refusals */
  fieldPrefix: string;
  reasonPrefixes: readonly string[];
  errorPrefixes: readonly string[];
  /** the counts shown, in order */
  stats: readonly ImportStat[];
  /** queries a finished import makes stale */
  invalidates: readonly QueryKey[];
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; fileName: string; jobId: string; upload: number; job: TImportJob | null }
  | { kind: 'done'; job: TImportJob }
  | { kind: 'failed'; fileName: string; error: unknown };

const POLL_MS = 500;

export function ImportScreen({ config }: { config: ImportScreenConfig }) {
  const { t } = useTranslation('customers');
  const { endpoints } = config;
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
      fetchImportJob(endpoints, jobId, controller.signal)
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
  }, [jobId, endpoints]);

  useEffect(() => () => abortRef.current?.(), []);

  const start = (file: File) => {
    if (!isAcceptedFile(file.name)) {
      setPhase({
        kind: 'failed',
        fileName: file.name,
        error: new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', ''),
      });
      return;
    }
    const id = newJobId();
    setPhase({ kind: 'running', fileName: file.name, jobId: id, upload: 0, job: null });
    const { promise, abort } = uploadImport(endpoints, file, id, (ratio) =>
      setPhase((p) => (p.kind === 'running' && p.jobId === id ? { ...p, upload: ratio } : p)),
    );
    abortRef.current = abort;
    promise
      .then((job) => {
        setPhase({ kind: 'done', job });
        for (const queryKey of config.invalidates) void qc.invalidateQueries({ queryKey });
      })
      .catch((error) => setPhase({ kind: 'failed', fileName: file.name, error }))
      .finally(() => {
        abortRef.current = null;
      });
  };

  return (
    <Card
      title={<PageTitle title={t(config.texts.title)} subtitle={t(config.texts.subtitle)} />}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(config.backTo)}>
          {t(config.texts.back)}
        </Button>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('importPage.template')}:</Typography.Text>
          <Button icon={<DownloadOutlined />} href={endpoints.template('xlsx')} data-testid="template-xlsx">
            {t('importPage.templateXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={endpoints.template('csv')} data-testid="template-csv">
            {t('importPage.templateCsv')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(config.texts.columns)}
        </Typography.Paragraph>

        <div data-testid="import-dropzone">
          <Upload.Dragger
            accept={ACCEPTED_FILES.join(',')}
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
        {phase.kind === 'failed' ? (
          <ImportError config={config} fileName={phase.fileName} error={phase.error} />
        ) : null}
        {phase.kind === 'done' ? <ImportResult config={config} job={phase.job} /> : null}
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

function ImportError({
  config,
  fileName,
  error,
}: {
  config: ImportScreenConfig;
  fileName: string;
  error: unknown;
}) {
  const { t } = useTranslation('customers');
  const details = (error instanceof ApiError ? error.details : undefined) as
    | { missing?: string[]; duplicates?: string[]; row?: number }
    | undefined;
  const columns = errorColumns(details)
    .map((f) => t(`${config.fieldPrefix}.${f}`, { defaultValue: f }))
    .join('、');
  const text = t(importErrorKeys(error, config.errorPrefixes), { columns, row: details?.row ?? '?' });
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

const STAT_COLOURS: Partial<Record<ImportStat, string>> = { created: '#237804', updated: '#1677ff' };

function ImportResult({ config, job }: { config: ImportScreenConfig; job: TImportJob }) {
  const { t } = useTranslation('customers');
  const colour = (key: ImportStat) =>
    key === 'invalid' ? (job.invalid > 0 ? '#cf1322' : undefined) : STAT_COLOURS[key];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-result">
      <Alert
        type={job.invalid > 0 ? 'warning' : 'success'}
        showIcon
        title={t('importPage.done', { name: job.fileName })}
        description={job.invalid === 0 ? t('importPage.noErrors') : undefined}
      />
      <Row gutter={16}>
        {config.stats.map((key) => (
          <Col key={key} xs={12} sm={8} md={4}>
            <div data-testid={`import-${key}`}>
              <Card size="small">
                <Statistic
                  title={t(`importPage.result.${key}`)}
                  value={job[key]}
                  styles={{ content: colour(key) ? { color: colour(key) } : undefined }}
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
                render: (f?: string) => (f ? t(`${config.fieldPrefix}.${f}`, { defaultValue: f }) : '--'),
              },
              {
                title: t('importPage.col.reason'),
                dataIndex: 'reason',
                render: (r: string) => t(reasonKeys(r, config.reasonPrefixes)),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
