// The churn register's taxonomy (docs/rules.md#r-churn-1-churn-reasons): four fixed categories, each
// with the sub-reasons an organisation starts with and then edits as its own, and the department
// that answers for each category by default.
import type { CHURN_CATEGORIES } from '@huifang/contracts/values';

export type ChurnCategory = (typeof CHURN_CATEGORIES)[number];

export interface DefaultChurnReason {
  category: ChurnCategory;
  /** stable key of a shipped reason */
  code: string;
  label: string;
  labelEn: string;
}

/** Seed 002 三.2 分類總結 "將客戶流失原因歸納為市場、教學、服務、硬件等幾大類,并進一步細分具體原因". */
export const DEFAULT_CHURN_REASONS: readonly DefaultChurnReason[] = [
  { category: 'MARKET', code: 'PRICE', label: '价格', labelEn: 'Price' },
  { category: 'MARKET', code: 'COMPETITOR', label: '竞争对手', labelEn: 'Competitor' },
  { category: 'MARKET', code: 'PROMOTION', label: '推广与营销', labelEn: 'Promotion' },
  { category: 'TEACHING', code: 'TEACHER_QUALITY', label: '教师水平', labelEn: 'Teacher quality' },
  { category: 'TEACHING', code: 'CONTENT', label: '课程内容', labelEn: 'Course content' },
  { category: 'TEACHING', code: 'SCHEDULE', label: '课程安排', labelEn: 'Schedule' },
  { category: 'TEACHING', code: 'RESULTS', label: '学习效果', labelEn: 'Results' },
  { category: 'SERVICE', code: 'ATTITUDE', label: '服务态度', labelEn: 'Attitude' },
  { category: 'SERVICE', code: 'RESPONSE_TIME', label: '响应速度', labelEn: 'Response time' },
  { category: 'SERVICE', code: 'COMPLAINT_HANDLING', label: '投诉处理', labelEn: 'Complaint handling' },
  { category: 'FACILITY', code: 'ENVIRONMENT', label: '学习环境', labelEn: 'Environment' },
  { category: 'FACILITY', code: 'EQUIPMENT', label: '设施设备', labelEn: 'Equipment' },
  { category: 'FACILITY', code: 'SAFETY', label: '安全', labelEn: 'Safety' },
  { category: 'FACILITY', code: 'LOCATION', label: '地点交通', labelEn: 'Location' },
];

/**
 * The department kind that answers for a category (seed 002 三.1: 市場部門 collects the conversion
 * failures, 教學部門 the teaching ones, 客服部門 complaints and refunds, 行政部門 environment and safety).
 */
export const CHURN_CATEGORY_DEPARTMENT = {
  MARKET: 'MARKET',
  TEACHING: 'TEACHING',
  SERVICE: 'SERVICE',
  FACILITY: 'ADMIN',
} as const satisfies Record<ChurnCategory, string>;
