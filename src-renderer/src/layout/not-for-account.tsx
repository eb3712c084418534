/** What a page opened by address says when the account's role does not include it. */
import { Alert } from 'antd';
import { useI18n } from '../i18n';

const NOT_FOR_ACCOUNT = {
  zh: '您的账号不能使用此页面',
  en: 'Your account cannot use this page',
};
const NOT_FOR_ACCOUNT_HINT = {
  zh: '如需使用，请联系管理员调整账号的角色。',
  en: 'Ask your administrator to change the role of your account if you need it.',
};

/** A page opened by address that the account's role does not include: a notice, no buttons. */
export function NotForThisAccount() {
  const { t } = useI18n();
  return <Alert type="info" showIcon style={{ maxWidth: 560 }} message={t(NOT_FOR_ACCOUNT)} description={t(NOT_FOR_ACCOUNT_HINT)} data-testid="page-not-for-account" />;
}

