/** Light/dark theme: follows prefers-color-scheme until the user picks one (stored in localStorage). */
export type ThemeChoice = 'light' | 'dark' | 'system';

/** Reads the stored choice. */
export function readTheme(): ThemeChoice {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem('pmo-theme') : null;
  return v === 'light' || v === 'dark' ? v : 'system';
}

/** Applies and stores the choice (data-theme on <html>). */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') {
    root.removeAttribute('data-theme');
    localStorage.removeItem('pmo-theme');
  } else {
    root.setAttribute('data-theme', choice);
    localStorage.setItem('pmo-theme', choice);
  }
}

/** True when the effective theme is dark. */
export function isDark(): boolean {
  const t = document.documentElement.getAttribute('data-theme');
  if (t) return t === 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * Calls `listener` whenever the effective theme may have changed: the toggle (data-theme on <html>) or the
 * system preference. Returns the unsubscribe function.
 */
export function onThemeChange(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', listener);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', listener);
  };
}
