import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useCan, useMe } from '../lib/auth';
import { menuFor } from './menu';

/** Sends each role to its home page, the first screen of its menu (app/menu.ts); a role with none sees its own profile. */
export function HomeRedirect() {
  const me = useMe();
  const can = useCan();
  const { t } = useTranslation();
  if (!me) return null;
  const first = menuFor(me.role, can)[0];
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
