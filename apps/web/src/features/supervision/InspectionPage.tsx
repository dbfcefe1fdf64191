import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { useCan, useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { AppealModal } from './AppealModal';
import { inspectionQuery, useInspectionAction } from './api';
import { errorText, StatusTag } from './labels';
import { RecordPanel } from './RecordPanel';
import { ResultPanel } from './ResultPanel';
import { ScoringForm } from './ScoringForm';

/**
 * The inspection workspace: the record on the left, the rubric on the right. The same page
 * shows a caller their result (/my-inspections/:id) with the appeal button.
 */
export function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const me = useMe();
  const can = useCan();
  const query = useQuery(inspectionQuery(id));
  const action = useInspectionAction();
  const [appealOpen, setAppealOpen] = useState(false);

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const mine = d.inspector.id === me?.id;
  const back = can('inspection:read:any') || can('inspection:perform') ? '/inspections' : '/my-inspections';

  const start = () =>
    action.mutate(
      { id: d.id, action: 'start', body: { version: d.version } },
      { onError: (e) => message.error(errorText(t, e)) },
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap>
            <Link to={back}>{t('common:actions.back')}</Link>
            <Typography.Title level={1} style={{ margin: 0 }} data-testid="inspection-title">
              {t('work.title', { customer: d.customer.name, caller: d.caller.name })}
            </Typography.Title>
            <StatusTag value={d.status} />
            <Tag>{t('work.inspector', { name: d.inspector.name })}</Tag>
          </Space>
          <Space wrap>
            {d.can.start ? (
              <Button
                type="primary"
                onClick={start}
                loading={action.isPending}
                data-testid="inspection-start"
              >
                {t('work.start')}
              </Button>
            ) : null}
            {d.canAppeal ? (
              <>
                <Typography.Text type="secondary" data-testid="appeal-deadline">
                  {t('appeal.deadline', { at: formatDateTime(d.appealDeadline) })}
                </Typography.Text>
                <Button onClick={() => setAppealOpen(true)} data-testid="appeal-open">
                  {t('appeal.button')}
                </Button>
              </>
            ) : null}
          </Space>
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          {/* scrolls on its own (the whole questionnaire): reachable by keyboard, named (WCAG 2.1.1) */}
          <section
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus to be scrolled by keyboard
            tabIndex={0}
            aria-label={t('record.title')}
            style={{ maxHeight: 'calc(100vh - 200px)', overflowY: 'auto' }}
          >
            <RecordPanel detail={d} />
          </section>
        </Col>
        <Col xs={24} lg={13}>
          {d.status === 'SUBMITTED' ? (
            <ResultPanel detail={d} />
          ) : d.can.submit ? (
            <ScoringForm key={`${d.id}-${d.version}`} detail={d} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={
                d.status === 'PENDING'
                  ? mine
                    ? t('work.pendingMine')
                    : t('work.pendingOther', { name: d.inspector.name })
                  : t('work.inProgressOther', { name: d.inspector.name })
              }
            />
          )}
        </Col>
      </Row>
      {d.canAppeal ? <AppealModal detail={d} open={appealOpen} onClose={() => setAppealOpen(false)} /> : null}
    </Space>
  );
}
