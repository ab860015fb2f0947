/** Catches render errors (and failed lazy chunk loads, e.g. after a deploy) and offers a reload. */
import { Component, type ReactNode } from 'react';

/** Error boundary around each page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="form-error" role="alert">
        <p>Something went wrong: {this.state.error.message}</p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>Reload the page</button>
      </div>
    );
  }
}
