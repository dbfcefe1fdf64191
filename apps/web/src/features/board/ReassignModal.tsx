import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { formatDay } from '../../lib/format';
import { type BoardTask, teamCallersQuery, useBulkReassign, useReassignTask } from './api';
import { reassignErrorText } from './errors';

interface Values {
  assigneeId: string;
  reason?: string;
}

/**
 * Reassigns one task (PATCH with its version) or a selection (one all-or-none request) to
 * another active caller of the team.
 */
export function ReassignModal({
  tasks,
  teamId,
  onClose,
  onDone,
}: {
  /** the tasks to move; the modal is open while this is non-empty */
  tasks: BoardTask[];
  teamId: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('board');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const callers = useQuery(teamCallersQuery(teamId));
  const single = useReassignTask();
  const bulk = useBulkReassign();
  const open = tasks.length > 0;
  const one = tasks.length === 1 ? tasks[0] : undefined;

  const submit = async (v: Values) => {
    setError(null);
    const name = callers.data?.items.find((c) => c.id === v.assigneeId)?.name ?? '';
    try {
      if (one) {
        await single.mutateAsync({
          taskId: one.id,
          assigneeId: v.assigneeId,
          reason: v.reason,
          version: one.version,
        });
        message.success(t('reassigned', { name }));
      } else {
        const res = await bulk.mutateAsync({
          taskIds: tasks.map((x) => x.id),
          assigneeId: v.assigneeId,
          reason: v.reason,
        });
        message.success(
          t('bulkReassigned', { count: res.reassigned, name }) +
            (res.unchanged > 0 ? t('bulkUnchanged', { count: res.unchanged }) : ''),
        );
      }
      form.resetFields();
      onDone();
    } catch (e) {
      const text = reassignErrorText(t, e);
      if (e instanceof ApiError && e.status === 422) form.setFields([{ name: 'assigneeId', errors: [text] }]);
      else setError(text);
    }
  };

  return (
    <Modal
      open={open}
      title={one ? t('reassignTitle') : t('bulkTitle', { count: tasks.length })}
      okText={t('common:actions.confirm')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={single.isPending || bulk.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'reassign-confirm' } as Record<string, string>}
    >
      <div data-testid="reassign-modal">
        {one ? (
          <Typography.Paragraph type="secondary">
            {t('reassignTask', {
              customer: one.customer.name,
              due: formatDay(one.dueDate),
              assignee: one.assignee.name,
            })}
          </Typography.Paragraph>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item
            label={t('newAssignee')}
            name="assigneeId"
            rules={[{ required: true, message: t('required') }]}
          >
            <Select
              placeholder={t('newAssigneePlaceholder')}
              loading={callers.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="reassign-assignee"
              options={(callers.data?.items ?? []).map((c) => ({
                value: c.id,
                label: c.name,
                disabled: one ? c.id === one.assignee.id : false,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('reason')} name="reason" rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
