"use client";
import { useEffect, useRef, useState } from "react";
import type { Drafts } from "./drafts";

/**
 * While `unsaved` > 0, asks before the person leaves: the browser's own prompt on close or reload (`beforeunload`),
 * and a confirm before an in-app link takes them to another page. Next's <Link> navigates from its own click handler;
 * a capture-phase listener on the document runs first and can stop it.
 */
export function useLeaveGuard(unsaved: number) {
  useEffect(() => {
    if (unsaved === 0) return;
    const message = `You have ${unsaved} unsaved rating${unsaved === 1 ? "" : "s"}. Leave without saving?`;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = message; // older browsers want a value; none shows it
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) return;
      const to = new URL(link.href, window.location.href);
      // Another site unloads this page, which beforeunload covers; a link within this page (a category) leaves nothing.
      if (to.origin !== window.location.origin) return;
      if (to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (window.confirm(message)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [unsaved]);
}

/** Ctrl+S / ⌘+S runs `save` instead of the browser's "Save page as". */
export function useSaveShortcut(save: () => void) {
  const latest = useRef(save);
  useEffect(() => {
    latest.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== "s") return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

const storageKey = (userId: string) => `skillgap:rating-drafts:${userId}`;

/**
 * Keeps the unsaved drafts in this tab's session storage (one key per person), so a reload or a confirmed leave does
 * not lose them. On the first render after mount it hands what was stored to `restore`; afterwards every change of
 * `unsaved` is written back, and an empty set removes the key (after a save or a discard). Returns true once the stored
 * drafts have been read (the page is hydrated and its controls answer).
 */
export function useStoredDrafts(userId: string, unsaved: Drafts, restore: (stored: unknown) => void) {
  const [ready, setReady] = useState(false);
  const latest = useRef(restore);
  useEffect(() => {
    latest.current = restore;
  });
  useEffect(() => {
    let stored: unknown = null;
    try {
      stored = JSON.parse(window.sessionStorage.getItem(storageKey(userId)) ?? "null");
    } catch {
      stored = null; // storage unavailable or not ours: nothing to restore
    }
    latest.current(stored);
    // Reading storage can only happen after mount (the server has none); the flag lets the writer start afterwards.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setReady(true);
  }, [userId]);
  const json = JSON.stringify(unsaved);
  useEffect(() => {
    if (!ready) return;
    try {
      if (json === "{}") window.sessionStorage.removeItem(storageKey(userId));
      else window.sessionStorage.setItem(storageKey(userId), json);
    } catch {
      // Storage full or blocked: the leave guard still asks before anything is lost.
    }
  }, [ready, json, userId]);
  return ready;
}
