import type { TMe } from '@huifang/contracts';
import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';

/** The home of a role whose menu is empty: who is signed in, and where (app/HomeRedirect.tsx). */
export function OwnProfile({ me }: { me: TMe }) {
  const { t } = useTranslation();
  return (
    <Card title={me.name}>
      <Descriptions column={1}>
        <Descriptions.Item label={t(`role.${me.role}`)}>{me.email}</Descriptions.Item>
        <Descriptions.Item label={t('appName')}>{me.organization.name}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
