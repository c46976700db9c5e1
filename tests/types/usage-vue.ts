// <shoppable-video> in Vue 3's GlobalComponents, what vue-tsc (Volar) checks templates against:
// its props (attributes, camelized as vue-tsc looks them up, and properties) and its events for v-on.
import type { GlobalComponents } from "vue";
import type { ShoppableVideoEventMap } from "shoppable-video";

type Player = InstanceType<GlobalComponents["shoppable-video"]>;
type Props = Player["$props"];

export const props: Props = {
  timeline: "/media/crafts.timeline.json",
  tapAction: "intent",
  rail: "closed",
  fullscreenButton: "auto",
  controls: true,
  strings: { buy: "Get it" },
  programTimeOffset: 0,
  "onShoppable-intent": (event: ShoppableVideoEventMap["shoppable-intent"]) => console.log(event.detail.productId),
};

export function emit(player: Player, event: ShoppableVideoEventMap["shoppable-ready"]) {
  player.$emit("shoppable-ready", event);
}

// @ts-expect-error rail is auto, open or closed
export const wrong: Props = { rail: "sometimes" };
