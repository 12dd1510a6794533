/** A failure while drawing the page shows what happened and a way back, not a blank window. */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <main className="page">
        <div role="alert" className="banner error">
          <p>The planner stopped working: {this.state.message}</p>
          <p>Your saved zones and measures are safe on the server.</p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the planner
          </button>
        </div>
      </main>
    );
  }
}
