// <shoppable-video> in React 19 JSX (React.JSX.IntrinsicElements): attributes, the properties
// React sets, and `on<event>` listeners, all typed.
import { useEffect, useRef } from "react";
import type { ShoppableVideoElement, ShoppableTimeline } from "shoppable-video";

const timeline: ShoppableTimeline = { version: 1, products: [{ id: "p" }], hotspots: [{ id: "h", product: "p", start: 0, end: 1, x: 0.5, y: 0.5 }] };

export function Shop({ onBuy }: { onBuy: (productId: string) => void }) {
  const ref = useRef<ShoppableVideoElement>(null);
  useEffect(() => {
    const player = ref.current;
    if (!player) return;
    const ready = (event: CustomEvent<{ products: number }>) => console.log(event.detail.products);
    player.addEventListener("shoppable-ready", ready);
    return () => player.removeEventListener("shoppable-ready", ready);
  }, []);
  return (
    <>
      <shoppable-video
        ref={ref}
        src="/media/crafts.webm"
        timeline="/media/crafts.timeline.json"
        controls
        muted
        playsinline
        preload="metadata"
        crossorigin="anonymous"
        locale="zh-CN"
        currency="CNY"
        tap-action="card"
        rail="auto"
        fullscreen-button="off"
        datalayer
        className="player"
        style={{ width: 640 }}
        onshoppable-intent={(event) => {
          event.preventDefault();
          onBuy(event.detail.productId);
        }}
        onshoppable-ready={(event) => console.log(event.detail.hotspots)}
        onshoppable-error={(event) => console.warn(event.detail.code, event.detail.errors)}
        onshoppable-select={(event) => console.log(event.detail.source)}
        onshoppable-hotspot-show={(event) => console.log(event.detail.hotspotId)}
        onshoppable-hotspot-hide={(event) => console.log(event.detail.videoTime)}
      />
      <shoppable-video timeline={timeline} strings={{ buy: "Get it" }} programTimeOffset={12} />
      {/* @ts-expect-error tap-action is "card" or "intent" */}
      <shoppable-video tap-action="buy" />
      {/* @ts-expect-error a listener gets the event's own detail */}
      <shoppable-video onshoppable-ready={(event) => event.detail.productId} />
    </>
  );
}
