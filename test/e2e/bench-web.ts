import { openWebWorld } from "./web-world.js";
console.log(typeof openWebWorld);
