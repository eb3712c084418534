/** Placeholder until this screen is built. */
export function DataQualityPage() {
  return <div data-testid="page-placeholder">建设中 / Under construction</div>;
}
