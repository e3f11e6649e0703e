// The knowledge base is the largest part of the code, and the wizard's first screen needs none of
// it: the screens that read it directly (a line's explanation, the console's "more") load it once
// their first frame is out (useKnowledge) and say so in the meantime. Replies are explained in the
// transcript by the session itself, which loads it before its first step.
import { useEffect, useState } from 'react';
import type { explain } from '../knowledge/explain.js';

type Explain = typeof explain;
let loaded: Explain | undefined;
let loading: Promise<Explain> | undefined;

export const loadKnowledge = (): Promise<Explain> =>
  (loading ??= import('../knowledge/explain.js').then((m) => (loaded = m.explain)));

/** The knowledge base's explain, or undefined while it is loading. */
export const knowledgeExplain = (): Explain | undefined => loaded;

/** What a panel says about a line while the knowledge base is still loading. */
export const KNOWLEDGE_LOADING = 'The knowledge base is still loading; this fills in a moment.';

/** Loads the knowledge base after the first render; renders again once it is in. */
export const useKnowledge = (): boolean => {
  const [ready, setReady] = useState(loaded !== undefined);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void loadKnowledge().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
};
