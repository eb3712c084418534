/** Placeholder until this screen is built. */
export function ResidentRecordPage() {
  return <div data-testid="page-placeholder">建设中 / Under construction</div>;
}
