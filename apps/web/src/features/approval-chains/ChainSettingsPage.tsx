// 审批流程: the organisation's approval chains (docs/rules.md#r-chain-1-chains), edited by the administrator.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TApprovalChains, TChainStep, TRole } from '@huifang/contracts';
import { CHAIN_LIMITS, JOB_TITLES } from '@huifang/contracts/values';
import { type ChainKind, stepRoles } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { chainsQuery, useSaveChains } from './api';

type Draft = Pick<TApprovalChains, 'planSteps' | 'reportSteps' | 'rollupSteps' | 'appealDecider'>;

function StepEditor({
  id,
  kind,
  step,
  n,
  disabled,
  onChange,
  onRemove,
}: {
  id: string;
  kind: ChainKind | 'appeal';
  step: TChainStep;
  n: number | null;
  disabled: boolean;
  onChange: (s: TChainStep) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation(['approvalChains', 'common']);
  const roles = stepRoles(kind);
  return (
    <Flex wrap gap={8} align="center" data-testid={`${id}`}>
      {n !== null ? <Typography.Text strong>{t('chains.step', { n })}</Typography.Text> : null}
      <Select<TRole>
        style={{ minWidth: 150 }}
        aria-label={`${t('chains.role')} ${n ?? ''}`.trim()}
        value={step.role}
        disabled={disabled}
        onChange={(role) => onChange({ ...step, role })}
        options={roles.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
        data-testid={`${id}-role`}
      />
      <Select<string>
        style={{ minWidth: 190 }}
        aria-label={`${t('chains.jobTitle')} ${n ?? ''}`.trim()}
        value={step.title ?? ''}
        disabled={disabled}
        onChange={(title) => onChange({ ...step, title: (title || null) as TChainStep['title'] })}
        options={[
          { value: '', label: t('chains.anyTitle') },
          ...JOB_TITLES.map((x) => ({ value: x, label: t(`common:jobTitle.${x}`) })),
        ]}
        data-testid={`${id}-title`}
      />
      {onRemove ? (
        <Button
          icon={<DeleteOutlined />}
          aria-label={t('chains.removeStep', { n })}
          disabled={disabled}
          onClick={onRemove}
        />
      ) : null}
    </Flex>
  );
}

function ChainEditor({
  kind,
  steps,
  max,
  disabled,
  onChange,
}: {
  kind: ChainKind;
  steps: TChainStep[];
  max: number;
  disabled: boolean;
  onChange: (s: TChainStep[]) => void;
}) {
  const { t } = useTranslation('approvalChains');
  return (
    <Card size="small" title={t(`chains.${kind}`)} data-testid={`chain-${kind}`}>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {steps.map((s, i) => (
          <StepEditor
            key={i}
            id={`chain-${kind}-${i}`}
            kind={kind}
            step={s}
            n={i + 1}
            disabled={disabled}
            onChange={(next) => onChange(steps.map((x, j) => (j === i ? next : x)))}
            onRemove={steps.length > 1 ? () => onChange(steps.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        {steps.length < max ? (
          <Button
            icon={<PlusOutlined />}
            disabled={disabled}
            onClick={() => onChange([...steps, { role: stepRoles(kind)[0]!, title: null }])}
            data-testid={`chain-${kind}-add`}
          >
            {t('chains.addStep')}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

export function ChainSettingsPage() {
  const { t } = useTranslation(['approvalChains', 'common']);
  const { message } = App.useApp();
  const chains = useQuery(chainsQuery);
  const save = useSaveChains();
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    const c = chains.data;
    if (c)
      setDraft({
        planSteps: c.planSteps,
        reportSteps: c.reportSteps,
        rollupSteps: c.rollupSteps,
        appealDecider: c.appealDecider,
      });
  }, [chains.data]);

  if (chains.isError) return <LoadError error={chains.error} onRetry={() => chains.refetch()} />;
  if (!chains.data || !draft) return <Skeleton active />;
  const readOnly = !chains.data.canEdit;

  const onSave = async () => {
    try {
      await save.mutateAsync({ ...draft, version: chains.data.version });
      message.success(t('chains.saved'));
    } catch (error) {
      message.error(t(errorKeys(error, 'approvalChains:error')));
      void chains.refetch();
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('chains.title')} subtitle={t('chains.subtitle')} />}
        extra={
          <Typography.Text type="secondary" data-testid="chain-version">
            {chains.data.version === 0
              ? t('chains.defaults')
              : t('chains.version', { version: chains.data.version })}
          </Typography.Text>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 760 }}>
          {readOnly ? <Typography.Text type="secondary">{t('chains.readOnly')}</Typography.Text> : null}
          <ChainEditor
            kind="plan"
            steps={draft.planSteps}
            max={CHAIN_LIMITS.plan.max}
            disabled={readOnly}
            onChange={(planSteps) => setDraft({ ...draft, planSteps })}
          />
          <ChainEditor
            kind="report"
            steps={draft.reportSteps}
            max={CHAIN_LIMITS.report.max}
            disabled={readOnly}
            onChange={(reportSteps) => setDraft({ ...draft, reportSteps })}
          />
          <ChainEditor
            kind="rollup"
            steps={draft.rollupSteps}
            max={CHAIN_LIMITS.report.max}
            disabled={readOnly}
            onChange={(rollupSteps) => setDraft({ ...draft, rollupSteps })}
          />
          <Card size="small" title={t('chains.appeal')}>
            <StepEditor
              id="chain-appeal"
              kind="appeal"
              step={draft.appealDecider}
              n={null}
              disabled={readOnly}
              onChange={(appealDecider) => setDraft({ ...draft, appealDecider })}
            />
          </Card>
          {readOnly ? null : (
            <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="chain-save">
              {t('chains.save')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
