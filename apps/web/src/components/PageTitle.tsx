import { Space, Typography, theme } from 'antd';

/**
 * A screen's title (its one `h1`, sized like the other titles by the theme) with a one-line explanation
 * under it, for a Card's `title`. A second section of the same screen takes `level={2}`: the same look.
 */
export function PageTitle({
  title,
  subtitle,
  level = 1,
}: {
  title: string;
  subtitle?: string;
  level?: 1 | 2;
}) {
  const { token } = theme.useToken();
  return (
    <Space orientation="vertical" size={0} className="hf-page-title">
      <Typography.Title
        level={level}
        style={{ margin: 0, fontSize: token.fontSizeHeading1, lineHeight: token.lineHeightHeading1 }}
      >
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
