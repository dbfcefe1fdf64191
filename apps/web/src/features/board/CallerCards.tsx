import { InfoCircleOutlined } from '@ant-design/icons';
import type { TBoard, TBoardFigures } from '@huifang/contracts';
import { Card, Col, Empty, Flex, Progress, Row, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../lib/format';

const CARD_FIGURES = ['assigned', 'done', 'open', 'overdue', 'unreachable'] as const;

const figureColor: Partial<Record<keyof TBoardFigures, string>> = {
  overdue: '#cf1322',
  done: '#237804',
};

function Figures({ figures, testId }: { figures: TBoardFigures; testId?: string }) {
  const { t } = useTranslation('board');
  return (
    <Flex gap={4} justify="space-between" wrap>
      {CARD_FIGURES.map((f) => (
        <div key={f} style={{ minWidth: 52, textAlign: 'right' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t(`figures.${f}`)}
          </Typography.Text>
          <Typography.Text
            strong
            style={{ fontSize: 18, color: figures[f] > 0 ? figureColor[f] : undefined }}
            data-testid={testId ? `${testId}-${f}` : undefined}
          >
            {formatNumber(figures[f])}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

function ratio(f: TBoardFigures) {
  return f.assigned > 0 ? f.done / f.assigned : null;
}

/** One card per caller (and one for the team); clicking a caller's card filters the task table. */
export function CallerCards({
  board,
  selected,
  onSelect,
}: {
  board: TBoard;
  selected: string | undefined;
  onSelect: (callerId: string | undefined) => void;
}) {
  const { t } = useTranslation('board');
  const teamRatio = ratio(board.totals);
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} sm={12} lg={8} xxl={6}>
        <Card
          size="small"
          data-testid="board-team-total"
          style={{ height: '100%', background: '#fafafa' }}
          title={
            <Flex justify="space-between" align="center">
              <span>
                {t('teamTotal')} · {board.team.name}
              </span>
              <Tooltip title={t('doneHint')}>
                <InfoCircleOutlined style={{ color: 'rgba(0, 0, 0, 0.6)' }} />
              </Tooltip>
            </Flex>
          }
        >
          <Figures figures={board.totals} testId="board-total" />
          <Progress
            percent={teamRatio === null ? 0 : Math.round(teamRatio * 1000) / 10}
            size="small"
            format={() => `${t('completion')} ${formatPercent(teamRatio)}`}
            aria-label={t('completion')}
            style={{ marginTop: 8, marginBottom: 0 }}
          />
        </Card>
      </Col>
      {board.callers.length === 0 ? (
        <Col xs={24} sm={12} lg={8} xxl={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noCallers')} />
          </Card>
        </Col>
      ) : null}
      {board.callers.map((c) => {
        const r = ratio(c);
        const isSelected = selected === c.callerId;
        return (
          <Col key={c.callerId} xs={24} sm={12} lg={8} xxl={6}>
            <Card
              size="small"
              hoverable
              role="button"
              tabIndex={0}
              aria-pressed={isSelected}
              data-testid={`caller-card-${c.callerId}`}
              onClick={() => onSelect(isSelected ? undefined : c.callerId)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(isSelected ? undefined : c.callerId);
                }
              }}
              title={
                <Flex justify="space-between" align="center">
                  <span>
                    {c.name} {c.active ? null : <Tag>{t('inactiveCaller')}</Tag>}
                  </span>
                  {c.callback > 0 ? (
                    <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                      {t('figures.callback')} {c.callback}
                    </Tag>
                  ) : null}
                </Flex>
              }
              style={{
                height: '100%',
                borderColor: isSelected ? '#1677ff' : undefined,
                boxShadow: isSelected ? '0 0 0 1px #1677ff' : undefined,
              }}
            >
              <Figures figures={c} testId={`caller-${c.callerId}`} />
              <Progress
                percent={r === null ? 0 : Math.round(r * 1000) / 10}
                size="small"
                format={() => formatPercent(r)}
                aria-label={`${t('completion')} · ${c.name}`}
                style={{ marginTop: 8, marginBottom: 0 }}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
