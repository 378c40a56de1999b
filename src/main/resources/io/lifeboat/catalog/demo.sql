-- A small shop to back up and restore on the first day.
create schema shop;
create type shop.order_status as enum ('new', 'paid', 'shipped', 'cancelled');

create table shop.customers (
    id       bigint generated always as identity primary key,
    name     text not null,
    email    text not null unique,
    city     text,
    created  timestamptz not null default now()
);

create table shop.orders (
    id        bigint generated always as identity primary key,
    customer  bigint not null references shop.customers (id),
    status    shop.order_status not null default 'new',
    total     numeric(12, 2) not null,
    items     jsonb not null,
    placed    timestamptz not null default now()
);

insert into shop.customers (name, email, city)
select (array['Анна Петрова', 'François Dupont', 'João Silva', 'Maria Santos', 'Иван Смирнов', 'Élodie Martin'])[1 + i % 6],
       'customer' || i || '@example.com',
       (array['Москва', 'Paris', 'São Paulo', 'Lisboa', 'Lyon', 'Новосибирск'])[1 + i % 6]
from generate_series(1, 500) as i;

insert into shop.orders (customer, status, total, items)
select 1 + (i % 500),
       (array['new', 'paid', 'shipped', 'cancelled']::shop.order_status[])[1 + i % 4],
       round((random() * 500)::numeric, 2),
       jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (i % 97), 'qty', 1 + i % 3))
from generate_series(1, 5000) as i;

create view shop.revenue_by_city as
select c.city, sum(o.total) as revenue, count(*) as orders
from shop.orders o join shop.customers c on c.id = o.customer
group by c.city;
