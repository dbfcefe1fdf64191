// The steps of a document's approval chain, the one due highlighted (docs/rules.md#r-chain-2-reports).
import type { TChainStep } from '@huifang/contracts';
import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Deputy director (Manager)": the title when the step names one, else the role. */
export function useStepLabel() {
  const { t } = useTranslation(['approvalChains', 'common']);
  return (s: TChainStep) =>
    s.title
      ? `${t(`common:jobTitle.${s.title}`)} (${t(`common:role.${s.role}`)})`
      : t(`common:role.${s.role}`);
}

export function ChainSteps({ chain, at, status }: { chain: TChainStep[]; at: number; status: string }) {
  const { t } = useTranslation('approvalChains');
  const label = useStepLabel();
  const current = status === 'APPROVED' ? chain.length : status === 'SUBMITTED' ? at : -1;
  return (
    <Steps
      size="small"
      current={current}
      data-testid="chain-steps"
      items={chain.map((s, i) => ({
        title: label(s),
        description:
          status === 'SUBMITTED' && i === at
            ? t('steps.due', { who: label(s) })
            : i < current
              ? t('steps.done')
              : undefined,
      }))}
    />
  );
}
