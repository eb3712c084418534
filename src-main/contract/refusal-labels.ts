/** Who a refusal is counted for when nobody is logged in (services/access-refusals.ts); the 拒绝的访问 table shows it translated. */
export const ANONYMOUS_USERNAME = '(未登录)';
