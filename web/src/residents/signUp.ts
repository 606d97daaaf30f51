/* The shapes the issuer accepts (its SignUp schema): a mainland mobile number, optionally +86, and a six-digit code. */
export const MOBILE = /^(\+86)?1[3-9][0-9]{9}$/
export const CODE = /^[0-9]{6}$/
