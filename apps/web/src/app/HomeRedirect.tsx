import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../lib/auth';
import { featureRoutes } from './routes';

/** Sends each role to the first screen of its menu; a role with none sees its own profile. */
export function HomeRedirect() {
  const me = useMe();
  const { t } = useTranslation();
  if (!me) return null;
  const first = featureRoutes
    .filter((r) => r.nav)
    .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0))
    .find(
      (r) =>
        !r.permission ||
        (typeof r.permission === 'string' ? [r.permission] : r.permission).some((p) =>
          me.permissions.includes(p),
        ),
    );
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Card title={me.name}>
      <Descriptions column={1}>
        <Descriptions.Item label={t(`role.${me.role}`)}>{me.email}</Descriptions.Item>
        <Descriptions.Item label={t('appName')}>{me.organization.name}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
