// The sample timeline as a JS object, for the page that sets `timeline={object}` (a shop that
// builds its timeline in code). Relative URLs in an object resolve against the document, so the
// images are given from the site's root.
export const timeline = {
  "version": 1,
  "currency": "CNY",
  "products": [
    {
      "id": "vase-01",
      "title": "Cloisonne vase",
      "price": 1280,
      "originalPrice": 1580,
      "url": "https://shop.example/products/vase-01",
      "image": "/media/vase.svg",
      "sku": "V-01",
      "brand": "Jingtailan",
      "variant": "blue",
      "description": "Hand-enamelled copper, 32 cm, made in Beijing."
    },
    {
      "id": "fan-02",
      "title": "Silk folding fan",
      "price": 168,
      "url": "https://shop.example/products/fan-02",
      "image": "/media/fan.svg",
      "sku": "F-02",
      "brand": "Hangzhou Silk",
      "variant": "red",
      "description": "Mulberry silk on bamboo ribs, hand-painted peonies."
    },
    {
      "id": "tea-03",
      "title": "Celadon tea set",
      "price": 560,
      "url": "https://shop.example/products/tea-03",
      "image": "/media/tea.svg",
      "sku": "T-03",
      "brand": "Longquan",
      "variant": "green",
      "description": "One teapot and four cups, celadon glaze."
    }
  ],
  "hotspots": [
    {
      "id": "vase-still",
      "product": "vase-01",
      "start": 2.0,
      "end": 6.5,
      "x": 0.42,
      "y": 0.61
    },
    {
      "id": "fan",
      "product": "fan-02",
      "start": 3.0,
      "end": 8.0,
      "x": 0.75,
      "y": 0.3,
      "label": "Silk fan"
    },
    {
      "id": "vase-moving",
      "product": "vase-01",
      "start": 7.0,
      "end": 9.0,
      "easing": "linear",
      "keyframes": [
        {
          "t": 7.0,
          "x": 0.1,
          "y": 0.5
        },
        {
          "t": 9.0,
          "x": 0.8,
          "y": 0.4
        }
      ],
      "label": "Follow the vase"
    },
    {
      "id": "tea",
      "product": "tea-03",
      "start": 9.0,
      "end": 12.0,
      "x": 0.25,
      "y": 0.8
    }
  ]
};
