"""Writes a made-up file in the layout of GEM's gas infrastructure map file
(the columns of ggit-map-2024-10-06.csv) at a tracker's scale, for the tests
that check the report and charts on a large database without ../shared:
thousands of pipelines into dozens of countries, owners and parents, long
and Chinese names, start years from 1960 to 2035.

Usage: make_map.py ROWS OUT.csv"""
import csv, random, sys

rows, out = int(sys.argv[1]), sys.argv[2]
random.seed(11)
countries = ["China", "United States", "Russia", "Australia", "Italy", "Japan", "Canada", "India", "Germany",
             "Indonesia", "Pakistan", "Mexico", "France", "Qatar", "Spain", "Bangladesh", "Brazil", "Nigeria",
             "Algeria", "Poland", "United Arab Emirates", "Argentina", "United Kingdom", "Türkiye", "Netherlands",
             "Egypt", "Iran", "Iraq", "Kazakhstan", "Mongolia", "Vietnam", "Thailand", "Malaysia", "Greece",
             "Bulgaria", "Romania", "Hungary", "Austria", "Belgium", "Norway", "Ukraine", "Belarus", "Georgia",
             "Azerbaijan", "Turkmenistan", "Uzbekistan", "Oman", "Kuwait", "Saudi Arabia", "Israel", "Jordan",
             "Libya", "Tunisia", "Morocco", "Mozambique", "Tanzania", "South Africa", "Chile", "Peru", "Colombia"]
statuses = ["Operating", "Operating", "Operating", "Proposed", "Construction", "Cancelled", "Shelved", "Idle"]
owners = ["Acme Gas", "Beta Pipelines", "Gamma Energy Holdings", "中国测试天然气管道有限公司", "Delta Midstream",
          "Epsilon Transmission Company of the Northern Territories and Adjacent Offshore Areas"]
header = ["areas", "terminalname", "unitname", "otherlanguagename", "capacityinbcm/y", "status", "startyear1",
          "stopyear", "parent", "owner", "lat", "lng", "accuracy", "state/province", "region", "url", "geometry",
          "type", "ccs", "fidyear", "fidstatus", "pipelinename", "fuel", "otherlanguageprimarypipelinename",
          "capacitybcm/y", "lengthknownkm", "startstate/province", "endstate/province", "endregion", "startregion",
          "tracker-acro"]
with open(out, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    writer.writerow(header)
    for index in range(rows):
        # Skewed: the first countries get most of the projects, as in GEM's data.
        route = [countries[min(int(random.expovariate(0.08)), len(countries) - 1)] for _ in range(random.choice([1, 1, 2, 3]))]
        route = list(dict.fromkeys(route))
        owner, parent = random.choice(owners), random.choice(owners)
        long_name = index % 97 == 0
        name = (f"Very Long Interconnector Pipeline Between Remote Provinces Number {index} And Its Extensions"
                if long_name else f"Pipeline {index}" if index % 13 else f"测试天然气管道第{index}号工程")
        row = dict.fromkeys(header, "")
        row.update({
            "areas": ", ".join(route), "status": random.choice(statuses),
            "startyear1": str(random.randint(1960, 2035)),
            "owner": f"{owner} [60.00%]; {random.choice(owners)} [40.00%]", "parent": f"{parent} [100.00%]",
            "url": f"https://example.org/Pipeline_{index}", "pipelinename": name, "fuel": "Gas",
            "capacitybcm/y": f"{random.lognormvariate(1.5, 1.2):.2f}", "lengthknownkm": str(random.randint(5, 3000)),
            "tracker-acro": "ggit",
        })
        writer.writerow([row[column] for column in header])
