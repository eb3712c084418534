/** Stylesheets are bundled by Vite for their side effect; they export nothing. */
declare module '*.css';
