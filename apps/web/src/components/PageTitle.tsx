import { Space, Typography } from 'antd';

/** A screen's title with a one-line explanation under it, for a Card's `title`. */
export function PageTitle({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {subtitle ? (
        <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
          {subtitle}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
