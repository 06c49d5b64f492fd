import { Title, type TitleProps } from '@mantine/core';
import { useEffect } from 'react';

const SITE = 'Навигатор дополнительного образования';

/** The page's heading; it also names the browser tab, which screen readers announce on navigation. */
export function PageTitle({ children, ...props }: Omit<TitleProps, 'children'> & { children: string }) {
  useEffect(() => {
    document.title = `${children} — ${SITE}`;
  }, [children]);
  return (
    <Title order={1} fz={{ base: 'h2', sm: 'h1' }} mb="md" {...props}>
      {children}
    </Title>
  );
}
