import type { TExpenseStatus } from '@huifang/contracts';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorKeys } from '../../lib/api';

const COLORS: Record<TExpenseStatus, string> = { PENDING: 'gold', APPROVED: 'green', REJECTED: 'red' };

export function ExpenseStatusTag({ status }: { status: TExpenseStatus }) {
  const { t } = useTranslation('expenses');
  return (
    <Tag color={COLORS[status]} data-testid="expense-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** A failed write, translated: the rule's reason first, then the code, then the shared messages. */
export const errorText = (t: TFunction, error: unknown): string => t(errorKeys(error, 'expenses:error'));
