// A shop page in React 19: <shoppable-video> with its attributes, the `timeline` property (React
// 19 sets a property the element has, else an attribute) and `onshoppable-intent` (React 19
// adds `on<event>` props of custom elements with addEventListener). `shoppable-ready` is
// listened to from a useEffect, as most React code listens to DOM events.
import { useEffect, useRef, useState } from "react";

export function Shop({ timeline }) {
  const player = useRef(null);
  const [ready, setReady] = useState(null);
  const [cart, setCart] = useState([]);

  useEffect(() => {
    const element = player.current;
    const onReady = (event) => setReady(event.detail);
    element.addEventListener("shoppable-ready", onReady);
    return () => element.removeEventListener("shoppable-ready", onReady);
  }, []);

  return (
    <>
      <shoppable-video
        ref={player}
        src="/media/crafts.webm"
        timeline={timeline}
        controls
        muted
        playsinline
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
