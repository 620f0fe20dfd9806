// One plain-language line under a grader or Python error message, for learners who cannot read a traceback yet.
// The original message is always shown too: this only adds a nudge in the right direction.

export const TIMEOUT_EXPLANATION = "Your program took too long: is there an infinite loop?";

export function isTimeout(message: string): boolean {
  return /\btime(?:d)?[ _-]?out\b|took too long|time limit/i.test(message);
}

/** The line a grader or Python/Node error names ("Line 3: …", "line 3", "main.js:3"), if any. */
export function errorLine(message: string): number | null {
  const found = /\bline (\d+)/i.exec(message)?.[1] ?? /\bmain\.(?:py|js):(\d+)/.exec(message)?.[1];
  return found ? Number(found) : null;
}

// Node says "Unexpected token" or names main.js; everything else here is Python's wording.
function languageOf(message: string): "Python" | "JavaScript" {
  return /\.js\b|Unexpected (?:token|end of input|identifier|string|number)|Invalid or unexpected token/.test(message)
    ? "JavaScript"
    : "Python";
}

export function explainError(message: string): string | null {
  if (isTimeout(message)) return TIMEOUT_EXPLANATION;
  const line = errorLine(message);
  const language = languageOf(message);
  if (/IndentationError|TabError|\b(?:un)?indent/i.test(message)) {
    return line
      ? `Python could not understand line ${line}. Check that the lines inside an if, for, while or def are moved in by the same amount (4 spaces).`
      : "Check that the lines inside an if, for, while or def are moved in by the same amount (4 spaces).";
  }
  if (
    /SyntaxError|invalid syntax|was never closed|unterminated|unexpected EOF|unmatched|expected ':'|Unexpected (?:token|end of input|identifier)|Invalid or unexpected token/i.test(
      message,
    )
  ) {
    return line
      ? `${language} could not understand line ${line}. Check for a missing bracket, quote or colon.`
      : `${language} could not understand your code. Check for a missing bracket, quote or colon.`;
  }
  if (/\bEOFError\b/.test(message)) {
    return "Your program asked for more input() than the test typed in. Check how many times you call input().";
  }
  if (/\bNameError\b/.test(message)) {
    const name = /name '([^']+)' is not defined/.exec(message)?.[1];
    return name
      ? `Python does not know the name “${name}”. Check its spelling, or put quotes around it if it is meant to be text.`
      : "Python does not know one of the names you used. Check the spelling, and put text in quotes.";
  }
  if (/can only concatenate str|unsupported operand type/i.test(message)) {
    return "You mixed text and numbers. Use str(number) to glue a number onto text, or int(text) to do sums.";
  }
  if (/invalid literal for int\(\)/i.test(message)) {
    return "int() was given something that is not a whole number.";
  }
  if (/\bZeroDivisionError\b/.test(message)) return "Your program tried to divide by zero.";
  if (/\bMemoryError\b|memory limit|out of memory/i.test(message)) {
    return "Your program used too much memory: is a list growing forever?";
  }
  if (line && /\bError\b/.test(message)) return `Something went wrong on line ${line} while your program ran.`;
  return null;
}
