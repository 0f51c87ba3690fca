/** The header row of a dashboard table. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-slate-100 text-slate-700">
      <tr>
        {columns.map((column, i) => (
          <th key={`${column}-${i}`} scope="col" className="px-3 py-2 font-semibold">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
