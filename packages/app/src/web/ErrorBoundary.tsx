import { Component, type ReactNode } from 'react';
import { ErrorView } from './ErrorView.js';

/**
 * Shows a failure while rendering a page (a part of the app that could not be loaded, a bug) as
 * a message instead of a blank page. Keyed by route, so another page starts afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {};

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render() {
    if (this.state.error !== undefined) {
      return <ErrorView error={this.state.error} context="This page could not be shown" />;
    }
    return this.props.children;
  }
}
