import { redirect } from 'next/navigation';

/** Settings opens on the sources of live events; finance systems are the other tab. */
export default function SettingsPage() {
  redirect('/settings/connectors');
}
