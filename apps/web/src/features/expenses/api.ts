import type {
  TExpense,
  TExpenseCreate,
  TExpenseList,
  TExpenseStatus,
  TVisitExpenses,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface ExpenseQuery {
  status?: TExpenseStatus;
  month?: string;
  page: number;
  size: number;
}

// Every key starts with 'expenses': one invalidation refreshes the list and every record's expenses.
export const expenseKeys = {
  all: ['expenses'] as const,
  list: (q: ExpenseQuery) => ['expenses', 'list', q] as const,
  visit: (visitId: string) => ['expenses', 'visit', visitId] as const,
};

export const expensesQuery = (q: ExpenseQuery) =>
  queryOptions({
    queryKey: expenseKeys.list(q),
    queryFn: ({ signal }) => api<TExpenseList>('/expenses', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const visitExpensesQuery = (visitId: string) =>
  queryOptions({
    queryKey: expenseKeys.visit(visitId),
    queryFn: ({ signal }) => api<TVisitExpenses>(`/visits/${visitId}/expenses`, { signal }),
  });

export function useCreateExpense(visitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TExpenseCreate) =>
      api<TExpense>(`/visits/${visitId}/expenses`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: expenseKeys.all }),
  });
}

export function useDecideExpense() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      comment,
      version,
    }: {
      id: string;
      decision: 'approve' | 'reject';
      comment?: string;
      version: number;
    }) =>
      api<TExpense>(`/expenses/${id}/${decision}`, {
        method: 'POST',
        body: decision === 'reject' ? { comment, version } : { version },
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: expenseKeys.all }),
  });
}
