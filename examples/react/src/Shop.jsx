// A shop page in React 19: <shoppable-video> with its attributes, the `timeline` property (React
// 19 sets a property the element has, else an attribute) and `onshoppable-intent` (React 19
// adds `on<event>` props of custom elements with addEventListener). `shoppable-ready` is
// listened to from a useEffect, as most React code listens to DOM events, or (`readyProp`) with
// the `onshoppable-ready` prop: a timeline given as an object loads inside React's commit and its
// `shoppable-ready` comes right after it, before effects run (after the paint), so an effect's
// listener would miss it; the prop's listener is added in the same commit.
import { useEffect, useRef, useState } from "react";

export function Shop({ timeline, readyProp = false }) {
  const player = useRef(null);
  const [ready, setReady] = useState(null);
  const [cart, setCart] = useState([]);

  useEffect(() => {
    if (readyProp) return undefined;
    const element = player.current;
    const onReady = (event) => setReady(event.detail);
    element.addEventListener("shoppable-ready", onReady);
    return () => element.removeEventListener("shoppable-ready", onReady);
  }, [readyProp]);

  return (
    <>
      <shoppable-video
        ref={player}
        src="/media/crafts.webm"
        timeline={timeline}
        controls
        muted
        playsinline
        onshoppable-ready={readyProp ? (event) => setReady(event.detail) : undefined}
        onshoppable-intent={(event) => {
          event.preventDefault();   // this shop adds to its own cart instead of opening the product's page
          const { productId, action } = event.detail;
          setCart((items) => [...items, { productId, action, key: event.detail.intentId }]);
        }}
      />
      <p id="status" role="status">
        {ready ? `Ready: ${ready.products} products, ${ready.hotspots} hotspots` : "Loading…"}
      </p>
      <h2>Cart</h2>
      <ul id="cart">
        {cart.map((item) => <li key={item.key} data-product-id={item.productId}>{item.action}: {item.productId}</li>)}
      </ul>
    </>
  );
}
