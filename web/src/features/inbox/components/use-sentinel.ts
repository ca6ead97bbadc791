import { useEffect, useRef } from 'react';

/**
 * Calls `onVisible` when the returned sentinel scrolls into view inside its scroll container:
 * infinite scrolling. Without IntersectionObserver (old browsers, jsdom) nothing happens and the
 * "Load more" buttons remain the way.
 */
export function useSentinel<T extends HTMLElement>(onVisible: () => void, enabled: boolean) {
  const ref = useRef<T>(null);
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  });
  useEffect(() => {
    const node = ref.current;
    if (!enabled || !node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) callback.current();
      },
      { rootMargin: '120px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [enabled]);
  return ref;
}
