// Prints each sandbox image's content-hashed tag, one a line: what CI pushes and the runner expects.
import { sandboxImage, sandboxLanguages } from "../src/index";

for (const language of sandboxLanguages) console.log(sandboxImage(language).tag);
