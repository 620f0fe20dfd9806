function leaderboard(players, count) {
  const best = [...players].sort((a, b) => b.score - a.score);
  return best.slice(0, count).map((player) => player.name);
}

console.log(
  leaderboard(
    [
      { name: "Ana", score: 50 },
      { name: "Ben", score: 80 },
      { name: "Cy", score: 20 },
    ],
    2,
  ),
);
