-- name: plants-being-built
-- title: Power plant units under construction or operating
-- description: A watch list for the change tests: each plant unit that is being built or runs, with its capacity in MW.
SELECT p.id, p.name, p.status,
       (SELECT t.value FROM terms AS t WHERE t.project_id = p.id AND t.metric = 'capacity' AND t.unit = 'MW') AS capacity_mw
FROM projects AS p
WHERE p.kind = 'power_plant' AND p.status IN ('construction', 'operating')
ORDER BY p.id
