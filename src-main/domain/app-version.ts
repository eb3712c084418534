/** This version of the app, as package.json says (tests/unit/app-version.test.ts keeps the two equal). */
export const APP_VERSION = '0.1.0';
