import { DeleteOutlined, SoundOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import type { TRecording } from '@huifang/contracts';
import { RECORDING_ACCEPT } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Progress, Skeleton, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorKeys } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { recordingErrorText, useDeleteRecording, useUploadRecording, visitRecordingsQuery } from './api';

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1);

/**
 * A visit record's call recordings (回访录音, docs/product.md#recordings): a player for each, the
 * caller's upload, replace and delete while allowed. The audio is fetched only when played
 * (`preload="none"`): every listen is audited. Nothing is shown to whoever may not listen.
 */
export function VisitRecordings({ visitId }: { visitId: string }) {
  const { t } = useTranslation('recordings');
  const { message } = App.useApp();
  const can = useCan();
  const mayListen = can('recording:listen');
  const list = useQuery({ ...visitRecordingsQuery(visitId), enabled: mayListen });
  const upload = useUploadRecording(visitId);
  const remove = useDeleteRecording(visitId);
  const [progress, setProgress] = useState<number | null>(null);

  if (!mayListen) return null;
  if (list.error instanceof ApiError && (list.error.status === 403 || list.error.status === 404)) return null;
  const data = list.data;

  const send = (file: File, replaces?: string) => {
    if (data && file.size > data.maxBytes) {
      message.error(t('error.FILE_TOO_LARGE', { mb: Math.round(data.maxBytes / 1024 / 1024) }));
      return false;
    }
    setProgress(0);
    upload.mutate(
      { file, replaces, onProgress: setProgress },
      {
        onSuccess: () => message.success(t(replaces ? 'replaced' : 'uploaded')),
        onError: (e) =>
          message.error(
            t(errorKeys(e, 'recordings:error'), { mb: Math.round((data?.maxBytes ?? 0) / 1048576) }),
          ),
        onSettled: () => setProgress(null),
      },
    );
    return false;
  };

  return (
    <div
      data-testid="visit-recordings"
      data-visit-id={visitId}
      style={{ marginTop: 8, paddingLeft: 12, borderLeft: '3px solid #91caff' }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text strong>
          <SoundOutlined /> {t('title')}
        </Typography.Text>
        {data?.mayUpload && (
          <Upload accept={RECORDING_ACCEPT} showUploadList={false} beforeUpload={(file) => send(file)}>
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={upload.isPending}
              data-testid="upload-recording"
            >
              {t('upload')}
            </Button>
          </Upload>
        )}
      </Space>
      {data && data.items.length > 0 && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('auditNote')}
          </Typography.Text>
        </div>
      )}
      {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" />}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : list.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(list.error, 'recordings:error'))}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('common:actions.retry')}
            </Button>
          }
        />
      ) : data && data.items.length === 0 ? (
        <div>
          <Typography.Text type="secondary">
            {data.mayUpload ? t('emptyMine', { mb: Math.round(data.maxBytes / 1048576) }) : t('empty')}
          </Typography.Text>
        </div>
      ) : (
        data?.items.map((r) => (
          <RecordingLine
            key={r.id}
            recording={r}
            onReplace={(file) => send(file, r.id)}
            onDelete={() =>
              remove.mutate(r.id, {
                onSuccess: () => message.success(t('deleted')),
                onError: (e) => message.error(recordingErrorText(t, e)),
              })
            }
            busy={upload.isPending || remove.isPending}
          />
        ))
      )}
    </div>
  );
}

function RecordingLine({
  recording: r,
  onReplace,
  onDelete,
  busy,
}: {
  recording: TRecording;
  onReplace: (file: File) => boolean;
  onDelete: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation('recordings');
  return (
    <div data-testid="recording" data-recording-id={r.id} style={{ marginTop: 6 }}>
      <Space size={4} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.fileName} · {t('size', { mb: megabytes(r.sizeBytes) })} ·{' '}
          {r.uploadedBy
            ? t('by', { name: r.uploadedBy.name, time: formatDateTime(r.createdAt) })
            : t('byIntegration', { name: r.integration, time: formatDateTime(r.createdAt) })}
        </Typography.Text>
        {r.mayChange && (
          <Space size={4}>
            <Upload accept={RECORDING_ACCEPT} showUploadList={false} beforeUpload={onReplace}>
              <Button size="small" type="text" icon={<SwapOutlined />} disabled={busy}>
                {t('replace')}
              </Button>
            </Upload>
            <Popconfirm title={t('deleteConfirm')} onConfirm={onDelete}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={busy}>
                {t('delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Space>
      {/* biome-ignore lint/a11y/useMediaCaption: a call recording has no captions to offer */}
      <audio
        controls
        preload="none"
        src={r.audioUrl}
        data-testid="recording-player"
        aria-label={t('player', { name: r.fileName })}
        style={{ width: '100%', display: 'block' }}
      />
    </div>
  );
}
