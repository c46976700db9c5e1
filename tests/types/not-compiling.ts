// What the typings must refuse: each statement below is an error (`@ts-expect-error` fails the
// build if it is not). A hotspot has either x and y, or keyframes: never neither, never both.
import type { ShoppableHotspot } from "shoppable-video";

// @ts-expect-error a hotspot with neither x,y nor keyframes
export const neither: ShoppableHotspot = { id: "h1", product: "p", start: 0, end: 1 };

// @ts-expect-error a hotspot with both x,y and keyframes
export const both: ShoppableHotspot = { id: "h2", product: "p", start: 0, end: 1, x: 0.5, y: 0.5, keyframes: [{ t: 0, x: 0, y: 0 }] };

// @ts-expect-error a point needs both x and y
export const half: ShoppableHotspot = { id: "h3", product: "p", start: 0, end: 1, x: 0.5 };

// @ts-expect-error easing is one of linear, step, ease-in-out
export const easing: ShoppableHotspot = { id: "h4", product: "p", start: 0, end: 1, easing: "bounce", keyframes: [{ t: 0, x: 0, y: 0 }] };
